/** What {@link measurePeakRss} reports. */
export interface PeakRssReport<T> {
  /** The value `work` resolved with. */
  result: T;
  /** Resident set size when measuring started, in bytes. */
  startRss: number;
  /** Highest resident set size seen while `work` ran, in bytes. */
  peakRss: number;
  /** `peakRss - startRss`, in bytes. */
  growth: number;
  /** Number of samples taken. */
  samples: number;
}

/**
 * Run `work` while sampling `process.memoryUsage.rss()` every `intervalMs`
 * milliseconds, and report the peak. The process-lifetime maximum from
 * `process.resourceUsage().maxRSS` is also consulted, so a spike between two
 * samples is still caught whenever it sets a new lifetime maximum.
 */
export async function measurePeakRss<T>(work: () => Promise<T>, intervalMs = 5): Promise<PeakRssReport<T>> {
  const startRss = process.memoryUsage.rss();
  const startMaxRss = process.resourceUsage().maxRSS * 1024;
  let peakRss = startRss;
  let samples = 1;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    samples += 1;
    if (rss > peakRss) peakRss = rss;
  };
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work();
    sample();
    const endMaxRss = process.resourceUsage().maxRSS * 1024;
    if (endMaxRss > startMaxRss && endMaxRss > peakRss) peakRss = endMaxRss;
    return { result, startRss, peakRss, growth: peakRss - startRss, samples };
  } finally {
    clearInterval(timer);
  }
}
