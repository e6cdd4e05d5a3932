package org.conv4j.kernels.simd;

/**
 * The windows of a table-driven pooling over planes {@code (d, h, w)} with output planes
 * {@code (od, oh, ow)}, as {@link SimdPoolTables} reads them: per axis, window {@code o} reads the
 * in-bounds positions {@code first[o] + t·step}, {@code t < count[o]} (the tables of
 * {@code org.conv4j.kernels.PoolAxis}). Along the last axis the outputs are split once into
 * vectors and single outputs:
 * {@code vecQ} holds the first output of each vector of {@code lanes} outputs that share their
 * tap count ({@code ≥ 1}) and whose first taps are equally spaced (the spacing, the column stride,
 * is {@code wFirst[q + 1] − wFirst[q]}); a run's last vector may overlap the one before it (it
 * computes the same outputs again). {@code oneQ} lists the outputs computed one at a time
 * (windows clipped by padding, ceil-mode overhang, short runs). Plain data: no vector code.
 */
public record PoolWindows(
    int d, int h, int w, int od, int oh, int ow,
    int[] dFirst, int[] dCount, int dStep,
    int[] hFirst, int[] hCount, int hStep,
    int[] wFirst, int[] wCount, int wStep,
    int lanes, int[] vecQ, int[] oneQ) {}
