import { Transform, type TransformCallback } from 'node:stream';

/** How many leading bytes the sniffer keeps (enough to see an OOXML package's part names). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The content type told by the bytes (a small magic-number table: PDF, PNG, JPEG, GIF,
 * WebP, TIFF, ZIP and the Office packages inside it, old Office, RTF), else the declared
 * type when it is a plausible MIME type, else `application/octet-stream`.
 */
export function sniffContentType(head: Buffer, declared?: string | null): string {
  const starts = (sig: number[] | string, at = 0) => {
    const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
    return head.length >= at + bytes.length && head.subarray(at, at + bytes.length).equals(bytes);
  };
  if (starts('%PDF-')) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts('GIF87a') || starts('GIF89a')) return 'image/gif';
  if (starts('RIFF') && starts('WEBP', 8)) return 'image/webp';
  if (starts([0x49, 0x49, 0x2a, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (starts('{\\rtf')) return 'application/rtf';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-cfb'; // .doc/.xls/.msg: the bytes cannot tell which
  if (starts([0x50, 0x4b, 0x03, 0x04])) {
    // A zip; an Office Open XML package names its parts in the local headers near the start.
    const names = head.toString('latin1');
    if (names.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (names.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (names.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    return 'application/zip';
  }
  const type = declared?.split(';')[0].trim().toLowerCase();
  // A declared type is believed only where the bytes have no signature, and never as something a browser would run.
  if (type && /^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(type) && !/(html|javascript|ecmascript|xml|svg)/.test(type)) return type;
  return 'application/octet-stream';
}

/** A pass-through stream that keeps the first {@link SNIFF_BYTES} bytes for {@link sniffContentType}. */
export class HeadKeeper extends Transform {
  private readonly parts: Buffer[] = [];
  private kept = 0;

  get head(): Buffer {
    return Buffer.concat(this.parts);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.kept < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.kept);
      this.parts.push(Buffer.from(part));
      this.kept += part.length;
    }
    done(null, chunk);
  }
}

/**
 * A file name safe to store and show: the last path segment, without control characters
 * or path separators, trimmed, at most 255 characters with the extension kept; never empty.
 */
export function sanitiseFileName(raw: string | null | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? ''; // browsers on Windows send C:\…\file.pdf
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '').replace(/[\\/:*?"<>|]/g, '_');
  name = name.trim().replace(/^\.+/, '').trim();
  if (!name) return 'file';
  if ([...name].length > 255) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - ext.length)].slice(0, 255 - [...ext].length).join('').trimEnd() + ext;
  }
  return name;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name per RFC 6266 / 5987. */
export function attachmentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type RangeAnswer = { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One `Range: bytes=…` range against an object of `size` bytes. A header that is not a
 * single byte range is ignored (the whole object is served, as RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return /^\s*bytes\s*=/i.test(header) && !header.includes(',') ? { kind: 'unsatisfiable' } : { kind: 'whole' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || (m[2] !== '' && Number(m[2]) < start)) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
