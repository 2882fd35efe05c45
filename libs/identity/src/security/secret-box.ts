import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'portico/secret-box/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that is malformed, was altered, or was sealed under another key or context. */
export class SecretBoxError extends Error {
  constructor() {
    super('The sealed value cannot be opened (malformed, altered, or sealed under another key)');
    this.name = 'SecretBoxError';
  }
}

/**
 * Encrypts small secrets kept at rest (TOTP secrets, plugin credentials) with AES-256-GCM
 * under a key derived from the deployment's `SECRET_KEY` by HKDF-SHA256.
 *
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The version prefix lets a
 * later key or algorithm open old values during a rotation.
 *
 * `context` (optional, e.g. `totp:<credential id>`) is authenticated but not stored: a value
 * sealed for one row cannot be copied into another and still open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    if (!secretKey) throw new Error('SecretBox needs a non-empty SECRET_KEY');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), Buffer.alloc(0), INFO, 32));
  }

  seal(plain: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(context));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** @throws SecretBoxError when the value is malformed, altered, or sealed under another key or context. */
  open(sealed: string, context = ''): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION || parts.slice(1).some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
      throw new SecretBoxError();
    }
    const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError();
    }
  }
}

// The version is authenticated too, so a value cannot be relabelled to another format.
const aad = (context: string) => Buffer.from(`${VERSION}\0${context}`, 'utf8');
