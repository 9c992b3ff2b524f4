/** A progress bar with rate and ETA on a terminal; a plain line every few seconds otherwise (CI logs). */
export const progressReporter = (label: string, stream: NodeJS.WriteStream = process.stderr) => {
  const started = Date.now();
  let lastPlain = 0;
  return {
    update(done: number, total: number): void {
      const now = Date.now();
      const seconds = Math.max(0.001, (now - started) / 1000);
      const rate = done / seconds;
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      const text = `${label} ${done}/${total}  ${rate.toFixed(0)}/s  ETA ${eta}s`;
      if (stream.isTTY) {
        if (now - lastPlain < 100 && done < total) return;
        lastPlain = now;
        const width = 30;
        const filled = total === 0 ? width : Math.round((done / total) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
        if (done >= total) stream.write('\n');
      } else if (now - lastPlain >= 5000 || done >= total) {
        lastPlain = now;
        stream.write(`${text}\n`);
      }
    },
  };
};
