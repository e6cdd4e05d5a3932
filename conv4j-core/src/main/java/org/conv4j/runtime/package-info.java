/**
 * Run-time configuration of conv4j's ops: the thread count and executor they use
 * ({@link org.conv4j.runtime.Parallelism}) and the bound on their scratch memory
 * ({@link org.conv4j.runtime.Workspace}). Results never depend on the thread count.
 */
package org.conv4j.runtime;
