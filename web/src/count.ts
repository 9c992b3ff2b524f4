/**
 * Comment counts for index pages: fills every `[data-parley-count="post-id"]` with "3 comments"
 * from ONE `GET /v1/counts` request per 100 distinct posts.
 * `<script src=".../count.js" data-api="https://api..." defer></script>`
 */
const script = document.currentScript as HTMLScriptElement | null;
const api = (script?.dataset.api ?? '').replace(/\/+$/, '');

async function fill(): Promise<void> {
  const els = Array.from(document.querySelectorAll<HTMLElement>('[data-parley-count]'));
  const ids = [...new Set(els.map((el) => el.dataset.parleyCount!).filter(Boolean))];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      const q = chunk.map((id) => `post=${encodeURIComponent(id)}`).join('&');
      try {
        const res = await fetch(`${api}/v1/counts?${q}`, { credentials: 'omit' });
        if (!res.ok) return;
        const { counts } = (await res.json()) as { counts: Record<string, number> };
        for (const el of els) {
          const n = counts[el.dataset.parleyCount!];
          if (typeof n === 'number') el.textContent = n === 1 ? '1 comment' : `${n} comments`;
        }
      } catch {
        /* leave the page's own text in place */
      }
    }),
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void fill());
else void fill();
