/** The largest file the UI accepts for a reply or a new ticket (the desk's own limit). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Base64 of some bytes, in chunks so large files do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

/** Reads a picked, dropped or pasted file as base64, for `attachFile`. */
export async function readFileAsBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** The files too large to attach, and the others. */
export function splitBySize(files: File[], max = MAX_FILE_BYTES): { accepted: File[]; tooLarge: File[] } {
  return {
    accepted: files.filter((file) => file.size <= max),
    tooLarge: files.filter((file) => file.size > max),
  };
}

/** A name for a pasted screenshot, which arrives as "image.png" or with no name at all. */
export function nameForPasted(file: File, now: Date = new Date()): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const extension = file.type.split('/')[1]?.replace('jpeg', 'jpg') || 'png';
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `screenshot-${stamp}.${extension}`;
}
