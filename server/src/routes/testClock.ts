import { Router } from 'express';
import { z } from 'zod';
import { SettableClock } from '../clock.js';
import type { AppContext } from '../context.js';

const ClockBody = z.object({ at: z.iso.datetime({ offset: true }) }).strict();

/**
 * Tests only: exists when the process was started with TEST_CLOCK_AT (which config refuses outside
 * NODE_ENV=test). `PUT /api/test/clock {at}` moves this process's clock; `GET` reads it.
 */
export function testClockRouter(ctx: AppContext): Router | null {
  const clock = ctx.clock;
  if (!ctx.config.TEST_CLOCK_AT || !(clock instanceof SettableClock)) return null;
  const router = Router();
  router.get('/test/clock', (_req, res) => {
    res.json({ at: clock.now().toISOString() });
  });
  router.put('/test/clock', (req, res) => {
    const parsed = ClockBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { code: 'VALIDATION', message: 'at: an ISO time is required' } });
      return;
    }
    clock.set(new Date(parsed.data.at));
    ctx.log.info({ at: parsed.data.at }, 'test clock set');
    res.json({ at: clock.now().toISOString() });
  });
  return router;
}
