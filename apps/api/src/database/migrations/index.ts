import { Platform1764000000000 } from './1764000000000-platform.js';
import { Attendance1764100000000 } from './1764100000000-attendance.js';
import { AttendanceWagesAndCertificates1764250000000 } from './1764250000000-attendance-wages-and-certificates.js';
import { ClientAttribution1764200000000 } from './1764200000000-client-attribution.js';
import { ClientFollowUps1764300000000 } from './1764300000000-client-follow-ups.js';
import { ClientDisputes1764310000000 } from './1764310000000-client-disputes.js';
import { Reservation1764400000000 } from './1764400000000-reservation.js';
import { ReservationAppointments1764410000000 } from './1764410000000-reservation-appointments.js';
import { SmsOutboxSubjects1764420000000 } from './1764420000000-sms-outbox-subjects.js';
import { Complaint1764500000000 } from './1764500000000-complaint.js';
import { RepairOrder1764600000000 } from './1764600000000-repair-order.js';
import { ComplaintStatistics1764700000000 } from './1764700000000-complaint-statistics.js';
import { RepairOrderSettlementColumns1764720000000 } from './1764720000000-repair-order-settlement-columns.js';
import { ComplaintFollowUpReports1764710000000 } from './1764710000000-complaint-follow-up-reports.js';
import { AccessRevocation1764750000000 } from './1764750000000-access-revocation.js';
import { ComplaintSlaOutcomes1764760000000 } from './1764760000000-complaint-sla-outcomes.js';
import { RepairOrderAwaitingAnswer1764770000000 } from './1764770000000-repair-order-awaiting-answer.js';
import { AgencyUniqueName1764780000000 } from './1764780000000-agency-unique-name.js';

/** Every migration, in order (ESM builds cannot rely on glob loading). */
export const MIGRATIONS = [Platform1764000000000, Attendance1764100000000, ClientAttribution1764200000000, AttendanceWagesAndCertificates1764250000000, ClientFollowUps1764300000000, ClientDisputes1764310000000, Reservation1764400000000, ReservationAppointments1764410000000, SmsOutboxSubjects1764420000000, Complaint1764500000000, RepairOrder1764600000000, ComplaintStatistics1764700000000, ComplaintFollowUpReports1764710000000, RepairOrderSettlementColumns1764720000000, AccessRevocation1764750000000, ComplaintSlaOutcomes1764760000000, RepairOrderAwaitingAnswer1764770000000, AgencyUniqueName1764780000000];
