import {
  HttpBackend,
  HttpClient,
  HttpErrorResponse,
  type HttpEvent,
  HttpParams,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { EnvironmentInjector, Injectable, createEnvironmentInjector, inject } from '@angular/core';
import { type Observable, firstValueFrom } from 'rxjs';

import type { components } from './api-schema';
import { authInterceptor } from './auth.interceptor';
import { API_BASE } from './portico-api';

type Schemas = components['schemas'];

// ── Documents and folders (issue 4) ─────────────────────────────────────────

export type DocumentItem = Schemas['DocumentDto'];
export type DocumentDirection = DocumentItem['direction'];
export type DocumentPage = Schemas['DocumentPageDto'];
export type Uploaded = Schemas['UploadedDto'];
export type DocumentChanges = Schemas['UpdateDocumentDto'];
export type DocumentSettings = Schemas['DocumentSettingsDto'];
export type DocumentSettingsChanges = Schemas['UpdateDocumentSettingsDto'];
export type Folder = Schemas['FolderDto'];
export type NewFolder = Schemas['NewFolderDto'];
export type PortalDocument = Schemas['PortalDocumentDto'];
export type PortalUploaded = Schemas['PortalUploadedDto'];

export interface DocumentSearch {
  accountId?: string;
  engagementId?: string;
  folderId?: string;
  direction?: DocumentDirection | '';
  shared?: boolean;
  new?: boolean;
  deleted?: boolean;
  q?: string;
  offset?: number;
  limit?: number;
}

/** Where an upload lands (staff): one of account, engagement or folder; `share` defaults to false. */
export interface StaffUploadTarget {
  accountId?: string;
  engagementId?: string;
  folderId?: string;
  share?: boolean;
}

/** Where a client's upload lands: a shared engagement and/or a folder, or neither (the account). */
export interface PortalUploadTarget {
  engagementId?: string;
  folderId?: string;
}

/** A human size: 1.2 MB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * The multipart body the API requires: the fields **first**, then one part per file
 * (the server streams the files and refuses fields that come after one).
 */
function multipart(fields: Record<string, string | undefined>, files: readonly File[]): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') body.append(name, value);
  for (const file of files) body.append('file', file, file.name);
  return body;
}

/**
 * A blob download failed: the problem document is inside a Blob. Rethrows an
 * `HttpErrorResponse` whose `error` is the parsed JSON, so `toProblem()` reads it.
 */
async function unwrapBlobError(error: unknown): Promise<never> {
  if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
    let body: unknown = null;
    try {
      body = JSON.parse(await error.error.text());
    } catch {
      body = null;
    }
    throw new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
  }
  throw error;
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Typed client for documents and folders (staff and portal).
 *
 * Downloads need the bearer token, so they are fetched as a Blob through HttpClient
 * (the interceptor adds the header) and saved from an object URL. The whole file is
 * held in memory first: fine for everyday documents, heavy for multi-gigabyte ones.
 * A streamed download needs a cookie- or link-authenticated URL the API does not offer yet.
 */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);
  /**
   * Uploads go through XMLHttpRequest: the app's client uses fetch (`withFetch()`), which
   * reports no upload progress. Same interceptors (the bearer token), XHR backend.
   */
  private readonly uploadHttp = createEnvironmentInjector(
    // The root's FETCH_BACKEND would be inherited: name the XHR backend explicitly.
    [provideHttpClient(withInterceptors([authInterceptor])), { provide: HttpBackend, useExisting: HttpXhrBackend }],
    inject(EnvironmentInjector),
  ).get(HttpClient);
  private readonly staff = `${API_BASE}/staff/documents`;
  private readonly portal = `${API_BASE}/portal/documents`;

  // ── Staff: documents ──
  list(search: DocumentSearch = {}): Observable<DocumentPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(search)) {
      if (value === undefined || value === '' || value === null) continue;
      params = params.set(key, String(value));
    }
    return this.http.get<DocumentPage>(this.staff, { params });
  }
  /** "New files": client uploads not yet downloaded by the firm, oldest first (firm-wide without `accountId`). */
  newFiles(accountId?: string): Observable<DocumentPage> {
    return this.http.get<DocumentPage>(`${this.staff}/new`, { params: accountId ? { accountId } : {} });
  }
  markDownloaded(ids: readonly string[]): Observable<{ marked: number }> {
    return this.http.post<{ marked: number }>(`${this.staff}/mark-downloaded`, { ids });
  }
  get(id: string): Observable<DocumentItem> {
    return this.http.get<DocumentItem>(`${this.staff}/${id}`);
  }
  update(id: string, body: DocumentChanges): Observable<DocumentItem> {
    return this.http.patch<DocumentItem>(`${this.staff}/${id}`, body);
  }
  remove(id: string, reason?: string): Observable<void> {
    return this.http.delete<void>(`${this.staff}/${id}`, { params: reason ? { reason } : {} });
  }
  /** Upload with progress events (`reportProgress`, `observe: 'events'`). */
  upload(target: StaffUploadTarget, files: readonly File[]): Observable<HttpEvent<Uploaded>> {
    const body = multipart(
      {
        accountId: target.accountId,
        engagementId: target.engagementId,
        folderId: target.folderId,
        share: target.share === undefined ? undefined : String(target.share),
      },
      files,
    );
    return this.uploadHttp.post<Uploaded>(this.staff, body, { reportProgress: true, observe: 'events' });
  }
  /** Downloads one document (a client upload leaves "new files"). */
  async download(doc: { id: string; name: string }): Promise<void> {
    const blob = await firstValueFrom(this.http.get(`${this.staff}/${doc.id}/content`, { responseType: 'blob' })).catch(unwrapBlobError);
    saveBlob(blob, doc.name);
  }

  // ── Staff: folders and settings ──
  folders(place: { accountId?: string; engagementId?: string }): Observable<Folder[]> {
    const params: Record<string, string> = {};
    if (place.engagementId) params['engagementId'] = place.engagementId;
    else if (place.accountId) params['accountId'] = place.accountId;
    return this.http.get<Folder[]>(`${API_BASE}/staff/folders`, { params });
  }
  createFolder(body: NewFolder): Observable<Folder> {
    return this.http.post<Folder>(`${API_BASE}/staff/folders`, body);
  }
  settings(): Observable<DocumentSettings> {
    return this.http.get<DocumentSettings>(`${API_BASE}/staff/settings/documents`);
  }
  updateSettings(body: DocumentSettingsChanges): Observable<DocumentSettings> {
    return this.http.patch<DocumentSettings>(`${API_BASE}/staff/settings/documents`, body);
  }

  // ── Portal (signed-in client) ──
  portalList(filter: PortalUploadTarget = {}): Observable<PortalDocument[]> {
    const params: Record<string, string> = {};
    if (filter.engagementId) params['engagementId'] = filter.engagementId;
    if (filter.folderId) params['folderId'] = filter.folderId;
    return this.http.get<PortalDocument[]>(this.portal, { params });
  }
  portalFolders(engagementId?: string): Observable<Folder[]> {
    return this.http.get<Folder[]>(`${API_BASE}/portal/folders`, { params: engagementId ? { engagementId } : {} });
  }
  portalUpload(target: PortalUploadTarget, files: readonly File[]): Observable<HttpEvent<PortalUploaded>> {
    const body = multipart({ engagementId: target.engagementId, folderId: target.folderId }, files);
    return this.uploadHttp.post<PortalUploaded>(this.portal, body, { reportProgress: true, observe: 'events' });
  }
  async portalDownload(doc: { id: string; name: string }): Promise<void> {
    const blob = await firstValueFrom(this.http.get(`${this.portal}/${doc.id}/content`, { responseType: 'blob' })).catch(unwrapBlobError);
    saveBlob(blob, doc.name);
  }
}
