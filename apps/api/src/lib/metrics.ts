/** A few Prometheus counters for the HTTP layer; no client library needed for this little. */
export class Metrics {
  private requests = new Map<string, number>();
  private durationSum = 0;
  private durationCount = 0;

  observe(method: string, status: number, seconds: number): void {
    const key = `method="${method}",status="${Math.floor(status / 100)}xx"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    this.durationSum += seconds;
    this.durationCount += 1;
  }

  render(): string {
    const lines = ['# HELP claimline_http_requests_total HTTP requests answered.', '# TYPE claimline_http_requests_total counter'];
    for (const [labels, n] of [...this.requests].sort()) lines.push(`claimline_http_requests_total{${labels}} ${n}`);
    lines.push(
      '# HELP claimline_http_request_duration_seconds Time to answer (headers sent).',
      '# TYPE claimline_http_request_duration_seconds summary',
      `claimline_http_request_duration_seconds_sum ${this.durationSum}`,
      `claimline_http_request_duration_seconds_count ${this.durationCount}`,
    );
    return `${lines.join('\n')}\n`;
  }
}
