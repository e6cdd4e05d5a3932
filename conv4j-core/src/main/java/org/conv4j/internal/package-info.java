/** Library-internal access to tensor storage; not exported. */
package org.conv4j.internal;
