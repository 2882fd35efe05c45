/**
 * A `returnTo` address that is safe to navigate to after sign-in: a path on this
 * origin ("/documents?x=1"), never another site ("//evil.example", "https://…",
 * "/\\evil.example") nor a script. Null when the value is missing or unsafe.
 */
export function safeReturnPath(value: string | null | undefined, origin: string, refuse: readonly string[] = []): string | null {
  const raw = (value ?? '').trim();
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (refuse.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) return null;
  return url.pathname + url.search + url.hash;
}
