/**
 * Template matching: {@link org.conv4j.match.TemplateMatch#match} scores every placement of a
 * template inside an image ({@code valid} geometry, 1-, 2- and 3-D, channels, optional mask) with
 * one of the {@link org.conv4j.match.Metric}s (OpenCV's {@code TM_*} definitions where they exist,
 * plus MSD and SAD), by the {@link org.conv4j.match.MatchMethod} a pure cost/accuracy model selects;
 * {@link org.conv4j.match.TemplateMatch#best}, {@code argmin}, {@code argmax} and {@code topK} (with
 * non-maximum suppression) read the score map. The generic sliding-window operation and the window
 * reductions live in {@link org.conv4j.window}.
 */
package org.conv4j.match;
