import { HttpErrorResponse } from '@angular/common/http';

import type { Problem } from './api-types';

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    typeof (value as { title?: unknown }).title === 'string'
  );
}

/**
 * Turns whatever an HTTP call failed with into a problem document, so that pages
 * only ever deal with one error shape.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpErrorResponse) {
    let body: unknown = error.error;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        body = undefined;
      }
    }
    if (isProblem(body)) {
      return body;
    }
    if (error.status === 0) {
      return {
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: 'The server could not be reached. Check your connection and try again.',
      };
    }
    return {
      type: 'about:blank',
      title: error.statusText || 'Request failed',
      status: error.status,
      detail: `The server answered with an unexpected error (HTTP ${error.status}). Please try again.`,
    };
  }
  return {
    type: 'about:blank',
    title: 'Unexpected error',
    status: 0,
    detail: 'Something went wrong. Please try again.',
  };
}

/** The last segment of a problem's `type` (`https://portico.dev/problems/link-expired` → `link-expired`). */
export function problemSlug(problem: Problem | null | undefined): string {
  return problem?.type?.split('/').pop() ?? '';
}

/** What a refused single-use link (404 unknown or used, 410 expired) says about it; null for any other problem. */
export function linkRefusal(problem: Problem): 'invalid' | 'expired' | null {
  if (problem.status === 410) return 'expired';
  return problem.status === 404 ? 'invalid' : null;
}

/** A human-readable sentence for a problem, preferring `detail` over `title`. */
export function problemMessage(problem: Problem): string {
  return problem.detail?.trim() || problem.title;
}
