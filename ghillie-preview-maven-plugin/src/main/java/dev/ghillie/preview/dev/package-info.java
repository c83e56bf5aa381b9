/**
 * {@code preview:dev}: the inner loop. A watcher on what the image and the release read, a debounce that makes a
 * burst of saves one change, a classification of the change (a rebuild of the service and its image, or only a
 * release upgrade), and the loop that rolls each change out and says when the new code serves. Nothing here knows
 * Maven: the mojo supplies the module build as a {@link dev.ghillie.preview.image.ServiceBuild}.
 */
package dev.ghillie.preview.dev;
