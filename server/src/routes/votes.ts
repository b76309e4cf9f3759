import { Router } from 'express';
import { readableVoteRecord } from '../commands/voteRecordLoader.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth.js';
import { presentVoteRecord } from '../presenters/voteRecord.js';

/** 表决记录: a vote's hash-chain record, for readers of its meeting once the vote has ended. */
export function votesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/votes/:id/record.json', async (req, res) => {
    const { vote, entries, names } = await readableVoteRecord({ models: ctx.db.models, actor: actorOf(res) }, String(req.params.id));
    const record = presentVoteRecord(vote, entries, names);
    res.setHeader('Content-Disposition', `attachment; filename="vote-record-${record.vote.id}.json"`);
    res.json(record);
  });

  return router;
}
