/** A readable device name from a User-Agent header: "Firefox on Windows", "Safari on iPhone". */
export interface DeviceDescription {
  label: string;
  mobile: boolean;
}

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\b(?:Chrome|CriOS)\//, 'Chrome'],
  [/\bChromium\//, 'Chromium'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//i, 'curl'],
  [/\b(?:node|undici|axios|okhttp|python-requests)\b/i, 'An app or script'],
];

const SYSTEMS: readonly [RegExp, string, boolean][] = [
  [/\biPhone\b/, 'iPhone', true],
  [/\biPad\b/, 'iPad', true],
  [/\bAndroid\b.*\bMobile\b/, 'Android phone', true],
  [/\bAndroid\b/, 'Android', true],
  [/\bWindows\b/, 'Windows', false],
  [/\bCrOS\b/, 'ChromeOS', false],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS', false],
  [/\bLinux\b/, 'Linux', false],
];

export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  const ua = (userAgent ?? '').trim();
  if (!ua) return { label: 'Unknown device', mobile: false };
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua));
  const mobile = system?.[2] ?? /\bMobile\b/.test(ua);
  if (browser && system) return { label: `${browser} on ${system[1]}`, mobile };
  if (browser) return { label: browser, mobile };
  if (system) return { label: `A browser on ${system[1]}`, mobile };
  return { label: 'Unknown device', mobile };
}
