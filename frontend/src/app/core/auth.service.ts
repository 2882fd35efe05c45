import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import type { AccessToken, Audience, Me, SignInResult } from './api-types';
import { API_BASE } from './portico-api';

interface AudienceState {
  accessToken: string | null;
  me: Me | null;
  /** One refresh at a time: parallel callers share it (a second use of the cookie would end the session). */
  refreshing: Promise<boolean> | null;
}

/**
 * Sessions of both audiences (staff at /staff, clients in the portal). The
 * access token lives in memory only; the refresh token is an httpOnly cookie
 * the browser sends to /api/v1/auth/<audience>/refresh.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly state = {
    staff: signal<AudienceState>({ accessToken: null, me: null, refreshing: null }),
    client: signal<AudienceState>({ accessToken: null, me: null, refreshing: null }),
  };

  readonly staffMe = computed(() => this.state.staff().me);
  readonly clientMe = computed(() => this.state.client().me);

  me(audience: Audience): Me | null {
    return this.state[audience]().me;
  }

  accessToken(audience: Audience): string | null {
    return this.state[audience]().accessToken;
  }

  /** Which audience an API path belongs to (null: public). */
  audienceOf(url: string): Audience | null {
    const path = url.startsWith('http') ? new URL(url).pathname : url;
    if (path.startsWith(`${API_BASE}/staff/`) && !path.startsWith(`${API_BASE}/staff/activation`)) return 'staff';
    // Everything under /portal/ is the signed-in client's, except what the sign-in page itself needs.
    if (path.startsWith(`${API_BASE}/portal/`) && !/^\/api\/v1\/portal\/(firm|host)(\/|$)/.test(path)) return 'client';
    return null;
  }

  /** Keep the session a sign-in step answered with; load who is signed in. */
  async accept(audience: Audience, result: SignInResult): Promise<boolean> {
    if (result.status !== 'signed-in' || !result.accessToken) return false;
    this.patch(audience, { accessToken: result.accessToken });
    await this.loadMe(audience);
    return true;
  }

  /** Restore a session from the refresh cookie (page load, expired access token). */
  refresh(audience: Audience): Promise<boolean> {
    const current = this.state[audience]().refreshing;
    if (current) return current;
    const run = this.doRefresh(audience).finally(() => this.patch(audience, { refreshing: null }));
    this.patch(audience, { refreshing: run });
    return run;
  }

  /** Signed in already, or can be from the cookie. */
  async ensure(audience: Audience): Promise<boolean> {
    if (this.state[audience]().me) return true;
    return this.refresh(audience);
  }

  async loadMe(audience: Audience): Promise<Me | null> {
    const path = audience === 'staff' ? `${API_BASE}/staff/me` : `${API_BASE}/portal/me`;
    try {
      const me = await firstValueFrom(this.http.get<Me>(path));
      this.patch(audience, { me });
      return me;
    } catch {
      return null;
    }
  }

  async signOut(audience: Audience): Promise<void> {
    try {
      await firstValueFrom(this.http.post(`${API_BASE}/auth/${audience}/sign-out`, {}));
    } finally {
      this.forget(audience);
    }
  }

  /** Drop the in-memory session (after a password change the server has ended it). */
  forget(audience: Audience): void {
    this.state[audience].set({ accessToken: null, me: null, refreshing: null });
  }

  private async doRefresh(audience: Audience): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await firstValueFrom(this.http.post<AccessToken>(`${API_BASE}/auth/${audience}/refresh`, {}, { observe: 'response' }));
        if (res.status === 204 || !res.body) {
          // No session cookie at all: nobody is signed in here.
          this.patch(audience, { accessToken: null, me: null });
          return false;
        }
        this.patch(audience, { accessToken: res.body.accessToken });
        return (await this.loadMe(audience)) !== null;
      } catch (e: unknown) {
        // Another tab refreshed a moment ago: its new cookie is ours too; try again.
        if ((e as { status?: number }).status === 409) {
          await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
          continue;
        }
        this.patch(audience, { accessToken: null, me: null });
        return false;
      }
    }
    return false;
  }

  private patch(audience: Audience, change: Partial<AudienceState>): void {
    this.state[audience].update((s) => ({ ...s, ...change }));
  }
}
