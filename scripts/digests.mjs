// The two digests the build scripts put into dist/: a content hash for file names (two releases
// never share a name) and subresource integrity as Trunk writes it (sha384), so that a script that
// rewrites a file can rewrite its digest in index.html too.
import { createHash } from 'node:crypto';

export const contentHash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
export const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
