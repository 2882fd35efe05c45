// A real S3-compatible HTTP server for the storage-s3 tests, in its own process (so
// that its memory is not counted by the conformance kit's memory measurement).
// Usage: node s3rver.fixture.mjs <directory> <bucket>...
// Prints {"port":N} on stdout once listening on 127.0.0.1, and exits when its
// standard input closes (so it never outlives the test that started it).
//
// s3rver 3.7.1 is the S3 server on npm that runs on Node 20. It speaks the S3 REST
// protocol (path-style, SigV4 checked against its S3RVER/S3RVER account) and stores
// on disk, but it departs from S3 where this plugin relies on S3. Below, each
// departure is brought back to what the S3 API reference specifies, and nothing else:
//   1. PutObject and CompleteMultipartUpload wrote straight into the object's file, so
//      a reader could see a half-written object and a failed upload left one behind.
//      S3 makes an object visible only once complete: write a temporary file and rename.
//   2. GetObject opened the file by name after measuring it, so an overwrite in between
//      mixed versions: open once, measure and read that descriptor.
//   3. `Range: bytes=0-0` was served whole (an end of 0 was taken for "no end"), and a
//      range of an empty object was answered 206 instead of 416 InvalidRange.
//   4. AbortMultipartUpload (DELETE ?uploadId), ListMultipartUploads (GET ?uploads) and
//      ListParts (GET ?uploadId) were not implemented, and UploadPart revived an
//      aborted upload: implemented after the S3 API reference, answering NoSuchUpload.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import S3Error from 's3rver/lib/models/error.js';
import S3Object from 's3rver/lib/models/object.js';

const [directory, ...buckets] = process.argv.slice(2);
if (!directory) {
  process.stderr.write('usage: node s3rver.fixture.mjs <directory> <bucket>...\n');
  process.exit(2);
}

const store = FilesystemStore.prototype;
const uploadsDir = (self, bucket) => self.getResourcePath(bucket, undefined, 'uploads');

// 1. Atomic object writes.
store.putObject = async function putObject(object) {
  const target = this.getResourcePath(object.bucket, object.key, 'object');
  const temp = path.join(this.getBucketPath(object.bucket), '._S3rver_tmp', randomUUID());
  await mkdir(path.dirname(temp), { recursive: true });
  const md5 = createHash('md5');
  let size = 0;
  const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
  try {
    await pipeline(
      content,
      new Transform({
        transform(chunk, _encoding, callback) {
          md5.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      }),
      createWriteStream(temp),
    );
    await mkdir(path.dirname(target), { recursive: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const digest = md5.digest('hex');
  await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
};

// 2 and 3. Reads of one version, with S3's range rules.
store.getObject = async function getObject(bucket, key, options) {
  let handle;
  try {
    handle = await open(this.getResourcePath(bucket, key, 'object'), 'r');
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'EISDIR') return null;
    throw error;
  }
  try {
    const { size, mtime } = await handle.stat();
    const metadata = { ...(await this.getMetadata(bucket, key)), 'content-length': size, 'last-modified': mtime.toUTCString() };
    const ranged = options !== undefined && options.start !== undefined;
    if (!ranged) return new S3Object(bucket, key, handle.createReadStream(), metadata);
    const range = { start: options.start, end: Math.min(options.end ?? Infinity, size - 1) };
    if (!(range.start >= 0) || range.start >= size || range.end < range.start) {
      await handle.close();
      return Object.assign(new S3Object(bucket, key, null, metadata), { range });
    }
    return Object.assign(new S3Object(bucket, key, handle.createReadStream(range), metadata), { range });
  } catch (error) {
    await handle.close();
    if (error.code === 'ENOENT') return null;
    throw error;
  }
};

// 4. UploadPart only into an upload that exists.
const putPart = store.putPart;
store.putPart = async function checkedPutPart(bucket, uploadId, partNumber, content) {
  await requireUpload(this, bucket, uploadId);
  return putPart.call(this, bucket, uploadId, partNumber, content);
};

async function requireUpload(self, bucket, uploadId) {
  const dir = path.join(uploadsDir(self, bucket), path.basename(String(uploadId)));
  try {
    return { dir, key: (await readFile(path.join(dir, 'key'))).toString(), initiated: (await stat(dir)).birthtime };
  } catch {
    throw new S3Error('NoSuchUpload', 'The specified multipart upload does not exist.', { UploadId: uploadId });
  }
}

/** The multipart-upload operations s3rver lacks, by the S3 API reference. Path-style requests only. */
async function multipartOperations(ctx, next) {
  const [bucket, ...rest] = ctx.path.slice(1).split('/').map(decodeURIComponent);
  const key = rest.join('/');
  const query = ctx.query;
  const xmlns = 'http://s3.amazonaws.com/doc/2006-03-01/';

  if (ctx.method === 'DELETE' && key && 'uploadId' in query) {
    const upload = await requireUpload(ctx.app.store, bucket, query.uploadId);
    await rm(upload.dir, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }
  if (ctx.method === 'GET' && bucket && !key && 'uploads' in query) {
    const prefix = query.prefix ?? '';
    const root = uploadsDir(ctx.app.store, bucket);
    const names = await readdir(root).catch(() => []);
    const uploads = [];
    for (const name of names) {
      const upload = await requireUpload(ctx.app.store, bucket, name).catch(() => undefined);
      if (upload && upload.key.startsWith(prefix)) {
        uploads.push({ Key: upload.key, UploadId: name, Initiated: upload.initiated.toISOString(), StorageClass: 'STANDARD' });
      }
    }
    uploads.sort((a, b) => (a.Key === b.Key ? a.Initiated.localeCompare(b.Initiated) : a.Key < b.Key ? -1 : 1));
    ctx.body = {
      ListMultipartUploadsResult: {
        '@': { xmlns },
        Bucket: bucket,
        Prefix: prefix,
        MaxUploads: 1000,
        IsTruncated: false,
        Upload: uploads,
      },
    };
    return;
  }
  if (ctx.method === 'GET' && key && 'uploadId' in query) {
    const upload = await requireUpload(ctx.app.store, bucket, query.uploadId);
    const parts = [];
    for (const name of await readdir(upload.dir)) {
      if (!/^\d+$/.test(name)) continue;
      const file = path.join(upload.dir, name);
      const md5 = await readFile(`${file}.md5`).then(String, () => undefined);
      if (md5 === undefined) continue; // still being written
      const info = await stat(file);
      parts.push({ PartNumber: Number(name), LastModified: info.mtime.toISOString(), ETag: JSON.stringify(md5), Size: info.size });
    }
    parts.sort((a, b) => a.PartNumber - b.PartNumber);
    ctx.body = {
      ListPartsResult: { '@': { xmlns }, Bucket: bucket, Key: upload.key, UploadId: query.uploadId, IsTruncated: false, Part: parts },
    };
    return;
  }
  await next();
}

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: true,
  configureBuckets: buckets.map((name) => ({ name })),
});
// Before s3rver's router, after its XML encoding and virtual-host middleware.
server.middleware.splice(server.middleware.length - 1, 0, multipartOperations);
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
