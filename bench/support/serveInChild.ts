/**
 * The server side of a benchmark target: run in a child process forked by
 * startServerProcess(), it listens on 127.0.0.1 (random port), samples its own resident
 * memory every 100 ms, and answers the parent over the IPC channel.
 */
import type { FastifyInstance } from 'fastify';
import type { ChildMessage, ParentMessage } from './serverProcess.js';

const RSS_SAMPLE_MS = 100;

const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

const heapOf = (usage: NodeJS.MemoryUsage) => ({ heapUsedBytes: usage.heapUsed, heapTotalBytes: usage.heapTotal, externalBytes: usage.external });

export async function serveInChild(app: FastifyInstance, onClose: () => Promise<void> = async () => {}): Promise<void> {
  if (!process.send) throw new Error('serveInChild() doit tourner dans un processus lancé par startServerProcess().');
  const send = (message: ChildMessage) => process.send?.(message);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('Adresse d’écoute inattendue');

  let peakRss = process.memoryUsage.rss();
  let windowPeakRss = peakRss;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
    if (rss > windowPeakRss) windowPeakRss = rss;
  }, RSS_SAMPLE_MS);

  process.on('message', (raw: ParentMessage) => {
    if (raw.type === 'memory') {
      const rss = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rss);
      windowPeakRss = Math.max(windowPeakRss, rss);
      send({
        type: 'memory',
        id: raw.id,
        rssBytes: rss,
        peakRssBytes: peakRss,
        windowPeakRssBytes: windowPeakRss,
        // ru_maxrss: the kernel's own high-water mark, in kilobytes (a cross-check of the sampling).
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        ...heapOf(process.memoryUsage()),
        cpuMicros: cpuMicros(),
      });
      if (raw.resetWindow) windowPeakRss = rss;
    } else if (raw.type === 'stop') {
      clearInterval(sampler);
      void app
        .close()
        .then(onClose)
        .finally(() => process.exit(0));
    }
  });
  // The parent went away (crash, Ctrl-C): do not linger.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: address.port, pid: process.pid });
}
