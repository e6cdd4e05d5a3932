/**
 * Window geometry and boundary handling shared by every windowed op: {@link
 * org.conv4j.window.PadMode} maps the boundary-mode names of NumPy, SciPy and PyTorch onto one
 * index rule.
 */
package org.conv4j.window;
