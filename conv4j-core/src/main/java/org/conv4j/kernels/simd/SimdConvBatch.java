package org.conv4j.kernels.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Convolution as GEMM over a block of examples at once, with im2col fused into the GEMM's packing
 * and col2im fused into its write-back, for 2-D float32 problems with one group, stride 1, dilation
 * 1 and no padding (LeNet's second layer: 20×12×12 → 50×8×8 by 5×5 filters). The column matrix of
 * a block of {@code B} examples, {@code cols (K = c·kh·kw) × (N = B·L)} with {@code L = oh·ow}, is
 * never materialised: element {@code (r, j)} is {@code x[colBase[j] + rowOff[r]]}, and the packing
 * routines gather it straight into the micro-kernel's panel layouts ({@link SimdSgemm}), eight
 * columns per vector load where eight consecutive columns are one run of an input row.
 *
 * <ul>
 *   <li>forward: {@code y_block (oc × N) = W (oc × K) · cols}, W packed once ({@link SimdSgemm#packAll});
 *   <li>input gradient: {@code cols = Wᵀ · dy_block}, each finished MR×NR tile added straight into
 *       {@code dx} at its im2col positions (needs {@code oc ≤ KC}: one k-block, so a tile is final);
 *   <li>weight gradient: {@code dW (oc × K) += dy_block (oc × N) · colsᵀ}, the k dimension running
 *       over the whole block's columns (long k-blocks instead of one L-deep product per example).
 * </ul>
 *
 * <p>Each call handles examples {@code [e0, e1)}; the caller fixes the blocks independently of the
 * thread count, so results do not depend on it. Single-threaded, allocation-free apart from the
 * {@link Scratch}.
 */
public final class SimdConvBatch {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  private static final int MR = SimdSgemm.MR;
  private static final int NR = SimdSgemm.NR;
  private static final int KC = SimdSgemm.KC;

  private SimdConvBatch() {}

  /** Columns per block (examples × positions), 512 unless {@code -Dconv4j.convBatchCols} says otherwise (for tuning). */
  static final int COLS = Math.max(1, Integer.getInteger("conv4j.convBatchCols", 512));

  /** The geometry: offsets of the K rows in an input example and of the L columns in an input / output example. */
  public static final class Geometry {
    final int c, ih, iw, kh, kw, oh, ow, oc, k, l, xs, ys;
    final int[] rowOff;
    /**
     * Per full NR-column panel of K rows: the runs of rows whose input offsets are consecutive, at most
     * V long, as (first column in the panel, length) pairs; null where runs are too short to pay
     * (more than NR / 2 of them) — see {@link #gatherPanelT}.
     */
    final int[][] panelRuns;

    public Geometry(int c, int ih, int iw, int kh, int kw, int oc) {
      this.c = c;
      this.ih = ih;
      this.iw = iw;
      this.kh = kh;
      this.kw = kw;
      this.oc = oc;
      this.oh = ih - kh + 1;
      this.ow = iw - kw + 1;
      this.k = c * kh * kw;
      this.l = oh * ow;
      this.xs = c * ih * iw;
      this.ys = oc * l;
      rowOff = new int[k];
      for (int ch = 0, r = 0; ch < c; ch++) {
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++, r++) {
            rowOff[r] = ch * ih * iw + i * iw + j;
          }
        }
      }
      panelRuns = new int[k / NR][];
      for (int panel = 0; panel < panelRuns.length; panel++) {
        int[] runs = runs(rowOff, panel * NR);
        panelRuns[panel] = runs.length <= NR ? runs : null;
      }
    }

    private static int[] runs(int[] rowOff, int jr) {
      int[] r = new int[2 * NR];
      int n = 0;
      for (int jj = 0; jj < NR; ) {
        int len = 1;
        while (jj + len < NR && len < V && rowOff[jr + jj + len] == rowOff[jr + jj] + len) {
          len++;
        }
        r[n++] = jj;
        r[n++] = len;
        jj += len;
      }
      return Arrays.copyOf(r, n);
    }

    /** Examples per block: about {@link #COLS} (512) columns. */
    public int block() {
      return Math.max(1, COLS / l);
    }
  }

  /** Per-worker buffers for blocks of up to {@code b} examples. */
  public static final class Scratch {
    final int[] colX, colY;
    final boolean[] run;
    final float[] packA, packB, tile;

    public Scratch(Geometry g, int b) {
      int n = b * g.l;
      colX = new int[n];
      colY = new int[n];
      run = new boolean[(n + V - 1) / V];
      packA = new float[Math.max(SimdSgemm.packASize(), SimdSgemm.roundUp(g.oc, MR) * KC)];
      // V floats of slack: gatherPanelT's last vector store may run past the panel's last row
      packB = new float[KC * SimdSgemm.roundUp(Math.max(n, g.k), NR) + V];
      tile = new float[MR * NR];
    }
  }

  /** Fills the column maps for examples {@code [e0, e1)}, relative to example e0; returns N. */
  private static int columns(Geometry g, Scratch s, int e0, int e1) {
    int j = 0;
    for (int e = e0; e < e1; e++) {
      for (int oy = 0; oy < g.oh; oy++) {
        for (int ox = 0; ox < g.ow; ox++, j++) {
          s.colX[j] = (e - e0) * g.xs + oy * g.iw + ox;
          s.colY[j] = (e - e0) * g.ys + oy * g.ow + ox;
        }
      }
    }
    for (int v = 0; v + V <= j; v += V) {
      // A vector of columns is one run of an input row and of an output row.
      s.run[v / V] = s.colX[v + V - 1] - s.colX[v] == V - 1 && s.colY[v + V - 1] - s.colY[v] == V - 1
          && (s.colX[v] % g.iw) + V <= g.iw;
    }
    if (j % V != 0) {
      s.run[j / V] = false;
    }
    return j;
  }

  /**
   * Packs rows {@code [p0, p0+kc)} and columns {@code [j0, j0+nc)} of the gathered matrix
   * {@code M[r][j] = src[base + colMap[j] + rowOff[r]]} into NR-column panels (kc×NR row-major,
   * zero-padded): the B operand layout of {@link SimdSgemm}.
   */
  static void packGatherB(float[] src, int base, int[] rowOff, int rowScale, int p0, int kc, int[] colMap, boolean[] run,
      int j0, int nc, float[] dst) {
    int d = 0;
    for (int jr = 0; jr < nc; jr += NR, d += kc * NR) {
      int nr = Math.min(NR, nc - jr);
      for (int p = 0; p < kc; p++) {
        int ro = base + (rowOff == null ? (p0 + p) * rowScale : rowOff[p0 + p]);
        int o = d + p * NR;
        int jj = 0;
        for (; jj + V <= nr; jj += V) {
          int j = j0 + jr + jj;
          if (run[j / V] && j % V == 0) {
            FloatVector.fromArray(S, src, ro + colMap[j]).intoArray(dst, o + jj);
          } else {
            for (int t = 0; t < V; t++) {
              dst[o + jj + t] = src[ro + colMap[j + t]];
            }
          }
        }
        for (; jj < nr; jj++) {
          dst[o + jj] = src[ro + colMap[j0 + jr + jj]];
        }
        for (; jj < NR; jj++) {
          dst[o + jj] = 0f;
        }
      }
    }
  }

  /**
   * {@code y[e] = W · cols(x[e])} for examples {@code [e0, e1)}; {@code pw} is W (oc × K) packed by
   * {@link SimdSgemm#packAll}. {@code y} is overwritten.
   */
  public static void forward(Geometry g, Scratch s, float[] x, int xo, float[] pw, float[] y, int yo, int e0, int e1) {
    int n = columns(g, s, e0, e1);
    int xb = xo + e0 * g.xs, yb = yo + e0 * g.ys;
    int stride = SimdSgemm.roundUp(g.oc, MR) * KC;
    for (int pc = 0, blk = 0; pc < g.k; pc += KC, blk++) {
      int kc = Math.min(KC, g.k - pc);
      boolean first = pc == 0;
      packGatherB(x, xb, g.rowOff, 0, pc, kc, s.colX, s.run, 0, n, s.packB);
      for (int jr = 0; jr < n; jr += NR) {
        int nr = Math.min(NR, n - jr);
        int bo = jr * kc;
        boolean direct = nr == NR && s.colY[jr + NR - 1] - s.colY[jr] == NR - 1;
        for (int ir = 0; ir < g.oc; ir += MR) {
          int mr = Math.min(MR, g.oc - ir);
          int ao = blk * stride + ir * kc;
          if (direct && mr == MR) {
            SimdSgemm.kernel(kc, pw, ao, s.packB, bo, y, yb + s.colY[jr] + ir * g.l, g.l, first);
          } else {
            SimdSgemm.kernel(kc, pw, ao, s.packB, bo, s.tile, 0, NR, true);
            for (int i = 0; i < mr; i++) {
              int row = yb + (ir + i) * g.l;
              for (int jj = 0; jj < nr; jj++) {
                int at = row + s.colY[jr + jj];
                y[at] = first ? s.tile[i * NR + jj] : y[at] + s.tile[i * NR + jj];
              }
            }
          }
        }
      }
    }
  }

  /**
   * {@code dx[e] += col2im(Wᵀ · dy[e])} for examples {@code [e0, e1)}; {@code pwt} is Wᵀ (K × oc)
   * packed by {@link SimdSgemm#packAll}. Requires {@code oc ≤ KC}.
   */
  public static void backwardInput(Geometry g, Scratch s, float[] dy, int dyo, float[] pwt, float[] dx, int dxo, int e0, int e1) {
    if (g.oc > KC) {
      throw new IllegalArgumentException("backwardInput: oc " + g.oc + " > " + KC);
    }
    int n = columns(g, s, e0, e1);
    int xb = dxo + e0 * g.xs, yb = dyo + e0 * g.ys;
    int kc = g.oc;
    packGatherB(dy, yb, null, g.l, 0, kc, s.colY, s.run, 0, n, s.packB);
    float[] t = s.tile;
    for (int jr = 0; jr < n; jr += NR) {
      int nr = Math.min(NR, n - jr);
      int bo = jr * kc;
      for (int ir = 0; ir < g.k; ir += MR) {
        int mr = Math.min(MR, g.k - ir);
        SimdSgemm.kernel(kc, pwt, ir * kc, s.packB, bo, t, 0, NR, true);
        for (int i = 0; i < mr; i++) {
          int ro = xb + g.rowOff[ir + i];
          int jj = 0;
          for (; jj + V <= nr; jj += V) {
            int j = jr + jj;
            if (s.run[j / V] && j % V == 0) {
              int at = ro + s.colX[j];
              FloatVector.fromArray(S, dx, at).add(FloatVector.fromArray(S, t, i * NR + jj)).intoArray(dx, at);
            } else {
              for (int q = 0; q < V; q++) {
                dx[ro + s.colX[j + q]] += t[i * NR + jj + q];
              }
            }
          }
          for (; jj < nr; jj++) {
            dx[ro + s.colX[jr + jj]] += t[i * NR + jj];
          }
        }
      }
    }
  }

  /**
   * {@code dw (oc × K) += Σ_{e in [e0, e1)} dy[e] · cols(x[e])ᵀ}, the columns of the whole block
   * forming the k dimension (k-blocks of {@value SimdSgemm#KC}).
   */
  public static void backwardWeight(Geometry g, Scratch s, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo,
      int e0, int e1) {
    int n = columns(g, s, e0, e1);
    int xb = xo + e0 * g.xs, yb = dyo + e0 * g.ys;
    float[] t = s.tile;
    for (int pc = 0; pc < n; pc += KC) {
      int kc = Math.min(KC, n - pc);
      // A = dy_block (oc × N): MR-row panels, k-major.
      float[] pa = s.packA;
      for (int ir = 0, d = 0; ir < g.oc; ir += MR) {
        for (int p = 0; p < kc; p++, d += MR) {
          int col = yb + s.colY[pc + p];
          for (int i = 0; i < MR; i++) {
            pa[d + i] = ir + i < g.oc ? dy[col + (ir + i) * g.l] : 0f;
          }
        }
      }
      // B = colsᵀ (N × K): one NR-wide panel of K at a time, gathered from x.
      float[] pb = s.packB;
      for (int jr = 0; jr < g.k; jr += NR) {
        int nr = Math.min(NR, g.k - jr);
        int[] runs = nr == NR ? g.panelRuns[jr / NR] : null;
        if (runs != null) {
          gatherPanelT(x, xb, s.colX, pc, kc, g.rowOff, jr, runs, pb);
        } else {
          gatherPanelTScalar(x, xb, s.colX, pc, kc, g.rowOff, jr, nr, pb);
        }
        for (int ir = 0; ir < g.oc; ir += MR) {
          int mr = Math.min(MR, g.oc - ir);
          if (mr == MR && nr == NR) {
            SimdSgemm.kernel(kc, pa, ir * kc, pb, 0, dw, dwo + ir * g.k + jr, g.k, false);
          } else {
            SimdSgemm.kernel(kc, pa, ir * kc, pb, 0, t, 0, NR, true);
            for (int i = 0; i < mr; i++) {
              for (int jj = 0; jj < nr; jj++) {
                dw[dwo + (ir + i) * g.k + jr + jj] += t[i * NR + jj];
              }
            }
          }
        }
      }
    }
  }

  /**
   * One NR-column panel of {@code colsᵀ} for the weight gradient, {@code pb[p·NR + jj] = x[xb +
   * colX[pc + p] + rowOff[jr + jj]]} for {@code p < kc}: each run of rows with consecutive input
   * offsets (the kernel columns of one kernel row) is one vector load and store of V floats instead
   * of up to V scalar gathers. A store may reach past its run, into the slots of the runs or the row
   * after it, which are written later (runs and rows go in ascending order; the buffer has V floats
   * of slack after the last row); a run whose load would leave {@code x} is copied one by one. The
   * same panel as {@link #gatherPanelTScalar} for a full panel.
   */
  static void gatherPanelT(float[] x, int xb, int[] colX, int pc, int kc, int[] rowOff, int jr, int[] runs, float[] pb) {
    for (int p = 0, o = 0; p < kc; p++, o += NR) {
      int base = xb + colX[pc + p];
      for (int i = 0; i < runs.length; i += 2) {
        int st = runs[i];
        int src = base + rowOff[jr + st];
        if (src + V <= x.length) {
          FloatVector.fromArray(S, x, src).intoArray(pb, o + st);
        } else {
          for (int t = 0; t < runs[i + 1]; t++) {
            pb[o + st + t] = x[src + t];
          }
        }
      }
    }
  }

  /** The scalar twin of {@link #gatherPanelT}, for any panel width {@code nr ≤ NR} (zero-padded to NR). */
  static void gatherPanelTScalar(float[] x, int xb, int[] colX, int pc, int kc, int[] rowOff, int jr, int nr, float[] pb) {
    for (int p = 0; p < kc; p++) {
      int col = xb + colX[pc + p];
      int o = p * NR;
      for (int jj = 0; jj < nr; jj++) {
        pb[o + jj] = x[col + rowOff[jr + jj]];
      }
      for (int jj = nr; jj < NR; jj++) {
        pb[o + jj] = 0f;
      }
    }
  }

  static void clear(float[] a) {
    Arrays.fill(a, 0f);
  }
}
