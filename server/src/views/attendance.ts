import type { Types } from 'mongoose';
import type { Attendance } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import { presentAttendance } from '../presenters/attendance.js';
import { currentQuorum, type QuorumFacts } from '../queries/quorum.js';

type Id = Types.ObjectId;

export async function attendanceView(models: Models, meetingId: Id, a: QuorumFacts): Promise<Attendance> {
  const [present, proxies, quorum] = await Promise.all([
    models.Attendance.find({ meeting: meetingId })
      .sort({ at: 1 })
      .populate('unit', 'name')
      .populate('user', 'name')
      .populate('recordedBy', 'name')
      .populate('undone.by', 'name')
      .lean(),
    models.Proxy.find({ meeting: meetingId })
      .sort({ at: 1 })
      .populate('fromUnit', 'name')
      .populate('to', 'name')
      .populate('givenBy', 'name')
      .lean(),
    currentQuorum(models, meetingId, a),
  ]);
  return presentAttendance(meetingId, present, proxies, quorum);
}
