/** Runs `task` once `wait` ms after the last call; `flush` runs a pending call at once. */
export function debounce(task: () => void, wait: number): { call: () => void; flush: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        task();
      }, wait);
    },
    flush() {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      task();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
