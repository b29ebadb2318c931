import { Approval } from '../platform/approvals/approval.entity.js';
import { AuditEvent } from '../platform/audit/audit-event.entity.js';
import { DisciplineEntry, Handover } from '../platform/discipline/discipline-entry.entity.js';
import { IdempotencyRecord } from '../platform/idempotency/idempotency-record.entity.js';
import { Agency, ApiKey, LoginAttempt, Organization, RefreshToken, RoleAssignment, Site, User } from '../platform/identity/identity.entities.js';
import { Job } from '../platform/jobs/job.entity.js';
import { ATTENDANCE_ENTITIES } from '../modules/attendance/attendance.entities.js';
import { CLIENT_ATTRIBUTION_ENTITIES } from '../modules/client-attribution/client-attribution.entities.js';
import { CLIENT_DISPUTE_ENTITIES } from '../modules/client-attribution/disputes.entities.js';
import { FOLLOW_UP_ENTITIES } from '../modules/client-attribution/follow-ups.entities.js';
import { RESERVATION_ENTITIES } from '../modules/reservation/reservation.entities.js';
import { COMPLAINT_ENTITIES } from '../modules/complaint/complaint.entities.js';
import { SERVICE_APPOINTMENT_ENTITIES } from '../modules/reservation/service-appointments.entities.js';
import { MOVE_IN_ENTITIES } from '../modules/reservation/move-in.entities.js';
import { REPAIR_ORDER_ENTITIES } from '../modules/repair-order/repair-order.entities.js';

/** Every entity, listed explicitly (ESM builds cannot rely on glob loading). */
export const ENTITIES = [
  Organization,
  Site,
  Agency,
  User,
  RoleAssignment,
  RefreshToken,
  LoginAttempt,
  ApiKey,
  AuditEvent,
  IdempotencyRecord,
  Job,
  Approval,
  DisciplineEntry,
  Handover,
  ...ATTENDANCE_ENTITIES,
  ...CLIENT_ATTRIBUTION_ENTITIES,
  ...CLIENT_DISPUTE_ENTITIES,
  ...FOLLOW_UP_ENTITIES,
  ...RESERVATION_ENTITIES,
  ...COMPLAINT_ENTITIES,
  ...SERVICE_APPOINTMENT_ENTITIES,
  ...MOVE_IN_ENTITIES,
  ...REPAIR_ORDER_ENTITIES,
];
