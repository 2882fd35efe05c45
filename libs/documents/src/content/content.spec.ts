import { attachmentDisposition, parseRange, sanitiseFileName, sniffContentType } from './content.js';

describe('document content helpers', () => {
  it('sniffs the type from the bytes, not the name or the declared type', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(sniffContentType(png, 'application/pdf')).toBe('image/png');
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'), 'text/plain')).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml word/document.xml')]))).toContain('wordprocessingml');
    expect(sniffContentType(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('xl/workbook.xml')]))).toContain('spreadsheetml');
    expect(sniffContentType(Buffer.from([0x50, 0x4b, 3, 4, 1]))).toBe('application/zip');
    expect(sniffContentType(Buffer.from('hello'), 'text/plain; charset=utf-8')).toBe('text/plain');
    expect(sniffContentType(Buffer.from('<script>'), 'text/html')).toBe('application/octet-stream');
    expect(sniffContentType(Buffer.from('x'))).toBe('application/octet-stream');
  });

  it('sanitises names: last segment, no control characters, trimmed, at most 255 with the extension kept', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\ana\\W-2 2025.pdf')).toBe('W-2 2025.pdf');
    expect(sanitiseFileName('  re\u0000port\u202e.pdf \n')).toBe('report.pdf');
    expect(sanitiseFileName('')).toBe('file');
    expect(sanitiseFileName('...')).toBe('file');
    const long = sanitiseFileName(`${'a'.repeat(300)}.xlsx`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('writes an RFC 6266 attachment disposition with an ASCII fallback', () => {
    expect(attachmentDisposition('Núñez "W-2".pdf')).toBe(`attachment; filename="Nunez _W-2_.pdf"; filename*=UTF-8''N%C3%BA%C3%B1ez%20%22W-2%22.pdf`);
  });

  it('parses single byte ranges', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-3', 10)).toEqual({ kind: 'partial', start: 0, end: 3 });
    expect(parseRange('bytes=5-', 10)).toEqual({ kind: 'partial', start: 5, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ kind: 'partial', start: 6, end: 9 });
    expect(parseRange('bytes=8-100', 10)).toEqual({ kind: 'partial', start: 8, end: 9 });
    expect(parseRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5-2', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1,4-5', 10)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-1', 10)).toEqual({ kind: 'whole' });
  });
});
