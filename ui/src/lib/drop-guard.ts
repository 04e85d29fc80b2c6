/**
 * A file dropped anywhere but a drop zone does nothing: without this, the webview would open
 * the dropped file in place of the app. Drop zones handle (and cancel) their own events first;
 * these listeners on the window cancel whatever reaches them. Returns the uninstaller.
 */
export function installDropGuard(target: Window): () => void {
  const refuse = (event: DragEvent) => {
    // A drop zone took it.
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (event.type === 'dragover' && event.dataTransfer) event.dataTransfer.dropEffect = 'none';
  };
  target.addEventListener('dragover', refuse);
  target.addEventListener('drop', refuse);
  return () => {
    target.removeEventListener('dragover', refuse);
    target.removeEventListener('drop', refuse);
  };
}
