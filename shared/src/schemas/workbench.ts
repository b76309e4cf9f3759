import { z } from 'zod';
import { IdSchema, RefSchema } from './common.js';

// 工作台待办: what the minutes of closed meetings still need from the viewer. A unit representative
// is asked to confirm (待确认纪要) for each unit that has not answered the draft; whoever may
// publish (秘书、召集单位) sees the drafts waiting to be signed off (待签发).

const WorkbenchMeetingSchema = z.object({
  id: IdSchema,
  title: z.string(),
  seq: z.number().int(),
  alliance: RefSchema,
});

export const WorkbenchSchema = z.object({
  /** One entry per (draft minutes, unit I represent that has not answered). */
  minutesToConfirm: z.array(z.object({ meeting: WorkbenchMeetingSchema, unit: RefSchema })),
  /** Draft minutes I may publish, with how many asked units have answered so far. */
  minutesToPublish: z.array(
    z.object({
      meeting: WorkbenchMeetingSchema,
      answered: z.number().int().nonnegative(),
      asked: z.number().int().nonnegative(),
    }),
  ),
});
export type Workbench = z.infer<typeof WorkbenchSchema>;
