/**
 * 佐证材料: which files a progress report may carry. Photos from the site, scanned documents and
 * the Office files units exchange — nothing that runs. The server decides by the file's bytes
 * (magic numbers), never by its name or the browser's word; the name must agree with the bytes.
 */

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_PER_REPORT = 6;
/** Uploads no report refers to are removed after this long. */
export const EVIDENCE_UNATTACHED_TTL_MS = 24 * 3600_000;

/**
 * What a stored file belongs to: an action item's progress report (uploaded first, taken up by
 * the report), or a demand (需求附件) or a whistle (吹哨佐证), attached to it at once, or a manual
 * points entry (积分佐证: uploaded first, taken up by the entry; `item` is the alliance).
 */
export const EVIDENCE_OWNERS = ['actionItem', 'demand', 'whistle', 'points'] as const;
export type EvidenceOwner = (typeof EVIDENCE_OWNERS)[number];

export const EVIDENCE_KINDS = ['image', 'pdf', 'word', 'excel', 'powerpoint'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceType {
  /** The type as the bytes say it (file-type's `ext`; `cfb` is the OLE2 container of .doc/.xls). */
  detected: string;
  /** File name extensions that carry this type. */
  extensions: readonly string[];
  mime: string;
  kind: EvidenceKind;
}

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { detected: 'jpg', extensions: ['jpg', 'jpeg'], mime: 'image/jpeg', kind: 'image' },
  { detected: 'png', extensions: ['png'], mime: 'image/png', kind: 'image' },
  { detected: 'webp', extensions: ['webp'], mime: 'image/webp', kind: 'image' },
  { detected: 'gif', extensions: ['gif'], mime: 'image/gif', kind: 'image' },
  { detected: 'pdf', extensions: ['pdf'], mime: 'application/pdf', kind: 'pdf' },
  {
    detected: 'docx',
    extensions: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    kind: 'word',
  },
  {
    detected: 'xlsx',
    extensions: ['xlsx'],
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    kind: 'excel',
  },
  {
    detected: 'pptx',
    extensions: ['pptx'],
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    kind: 'powerpoint',
  },
  // The bytes of .doc and .xls are the same OLE2 container: the name tells which.
  { detected: 'cfb', extensions: ['doc'], mime: 'application/msword', kind: 'word' },
  { detected: 'cfb', extensions: ['xls'], mime: 'application/vnd.ms-excel', kind: 'excel' },
];

/** For a file picker's `accept`: the extensions and image types a report may carry. */
export const EVIDENCE_ACCEPT = ['image/*', ...EVIDENCE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`))].join(',');

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** What a name promises, before the bytes are seen (for the browser's first check). */
export function evidenceTypeOfName(name: string): EvidenceType | null {
  const ext = extensionOf(name);
  return EVIDENCE_TYPES.find((t) => t.extensions.includes(ext)) ?? null;
}

/**
 * The accepted type of a file from its name and what its bytes are (`detected`, null when
 * unknown), or null when it is refused: bytes of a type not listed, or a name that says another
 * type than the bytes (a `.png` that is an executable).
 */
export function evidenceTypeOf(name: string, detected: string | null): EvidenceType | null {
  if (detected === null) return null;
  const ext = extensionOf(name);
  return EVIDENCE_TYPES.find((t) => t.detected === detected && t.extensions.includes(ext)) ?? null;
}

/** A file name as stored and offered back: no directories, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean.length <= 200) return clean;
  const ext = extensionOf(clean);
  return ext ? `${clean.slice(0, 199 - ext.length)}.${ext}` : clean.slice(0, 200);
}
