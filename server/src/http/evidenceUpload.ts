import busboy from 'busboy';
import type { Request } from 'express';
import { cleanFileName, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PER_REPORT } from '@tongxin/shared';
import { refusal, type IncomingFile } from '../commands/evidenceUploader.js';
import { AppError } from '../errors.js';

/** The multipart overhead allowed on top of the files themselves. */
const ENVELOPE = 64 * 1024;

/**
 * Reads the files of a `multipart/form-data` request. Each file is counted while it streams: the
 * one that passes 10 MB is refused without keeping more of it (the rest of the request is read
 * and dropped so the answer reaches the client), as is a seventh file. A declared length past
 * what six files may weigh is refused before anything is read.
 */
export function receiveEvidence(req: Request): Promise<IncomingFile[]> {
  return new Promise((resolve, reject) => {
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      reject(new AppError('VALIDATION', 'send the files as multipart/form-data'));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > EVIDENCE_MAX_PER_REPORT * EVIDENCE_MAX_BYTES + ENVELOPE) {
      req.resume();
      reject(refusal('', 'tooLarge', 'the upload is larger than six files of 10 MB'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // File names are UTF-8 (Chinese names intact), whatever the multipart default says.
        defParamCharset: 'utf8',
        limits: { fileSize: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_PER_REPORT, fields: 10, parts: EVIDENCE_MAX_PER_REPORT + 10 },
      });
    } catch {
      reject(new AppError('VALIDATION', 'malformed multipart request'));
      return;
    }
    const files: IncomingFile[] = [];
    let failure: AppError | null = null;
    parser.on('file', (_field, stream, info) => {
      const name = cleanFileName(info.filename ?? '');
      if (failure) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        if (failure) return;
        chunks.push(chunk);
        size += chunk.length;
      });
      stream.on('limit', () => {
        failure ??= refusal(name, 'tooLarge', `“${name}” is larger than 10 MB`);
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (failure) return;
        if (name === '') failure = new AppError('VALIDATION', 'a file has no name');
        else if (size === 0) failure = refusal(name, 'empty', `“${name}” is empty`);
        else files.push({ name, data: Buffer.concat(chunks, size) });
      });
    });
    parser.on('filesLimit', () => {
      failure ??= refusal('', 'tooMany', `a report carries at most ${EVIDENCE_MAX_PER_REPORT} files`);
    });
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      reject(new AppError('VALIDATION', 'malformed multipart request'));
    });
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (files.length === 0) reject(new AppError('VALIDATION', 'no file in the request'));
      else resolve(files);
    });
    req.pipe(parser);
  });
}
