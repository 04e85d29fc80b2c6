// Attachments in the mock desk: attaching a file to a reply or a new ticket and detaching it (the
// UI tests read both lists on `window`), previewing or saving a file in a thread, and the
// attachments a delivered file becomes. One counter numbers them all, so no id repeats.

import type { AttachmentView, OutgoingFile } from '../../bindings';
import type { Backend } from '../index';
import { recordOnWindow, wireError, type FailIfAsked } from '../mock-shared';
import type { MockTicket } from './seed';

export type FileCommands = Pick<Backend, 'attachFile' | 'detachFile' | 'attachmentPreview' | 'saveAttachment'>;

/** A 1×1 PNG, the preview of every image attachment in the mock. */
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function contentTypeOf(fileName: string): string {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    txt: 'text/plain',
    log: 'text/plain',
    csv: 'text/csv',
    json: 'application/json',
    pdf: 'application/pdf',
    zip: 'application/zip',
  };
  return types[extension] ?? 'application/octet-stream';
}

export function createFiles(
  tickets: Map<number, MockTicket>,
  failIfAsked: FailIfAsked,
): { commands: FileCommands; attachmentsOf: (files: OutgoingFile[] | undefined) => AttachmentView[] } {
  let nextFile = 1;

  /** The attachment with this id in any thread, the first one found. */
  function findAttachment(id: number): AttachmentView {
    for (const ticket of tickets.values()) {
      for (const comment of ticket.comments) {
        const attachment = comment.attachments.find((candidate) => candidate.id === id);
        if (attachment) return attachment;
      }
    }
    throw wireError('not_found', `attachment ${id} is not in the saved tickets`);
  }

  return {
    attachmentsOf(files) {
      return (files ?? []).map((file) => ({
        id: 8100 + nextFile++,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        localPath: null,
      }));
    },
    commands: {
      async attachFile(fileName, base64) {
        failIfAsked('attachFile');
        const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
        const file: OutgoingFile = {
          id: `00000000-0000-4000-8000-${String(nextFile++).padStart(12, '0')}`,
          fileName,
          contentType: contentTypeOf(fileName),
          size: Math.floor((base64.length * 3) / 4) - padding,
        };
        recordOnWindow('__mockAttached', fileName);
        return file;
      },
      async detachFile(file) {
        failIfAsked('detachFile');
        recordOnWindow('__mockDetached', file.fileName);
        return null;
      },
      async attachmentPreview(id) {
        failIfAsked('attachmentPreview');
        const attachment = findAttachment(id);
        if (!attachment.contentType?.startsWith('image/')) throw wireError('invalid_input', `${attachment.fileName} is not an image`);
        return { fileName: attachment.fileName, dataUrl: TINY_PNG };
      },
      async saveAttachment(id) {
        failIfAsked('saveAttachment');
        return `/home/demo/Downloads/${findAttachment(id).fileName}`;
      },
    },
  };
}
