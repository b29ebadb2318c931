// The raw baseline for POST /api/v1/service-appointments (RES-9/RES-10; bench/scenarios/service-booking.mjs):
// plain Fastify + pg + jsonwebtoken doing what the API does, and nothing more.
//
// Kept equal to the API on purpose (change it when the API changes; the runner compares the answers):
// - the token checked as the JWT strategy does; the guard's @Roles (a booking role somewhere:
//   service_advisor, receptionist, manager); the body checked for what the scenario sends (siteId a UUID,
//   date, time HH:MM, the strings present, amounts whole and ≥ 0); AccessPolicy.requireSite (60 s site
//   cache; no role there → 404; no booking role → 403); the phone normalized by the domain;
// - ServiceAppointmentsService.book with the statements' text copied from the API's debug log, in ONE
//   transaction and in its order: the site's latest appointment policy, the domain's resolveSlot and
//   decideBooking, the slot row read (made first with INSERT … ON CONFLICT DO NOTHING when missing; full →
//   409 SLOT_FULL), the appointment (a unique violation of the form number → 409 FORM_NO_EXISTS), the
//   workshop notice and reminder jobs, the audit event, the booker's name, **last** the counter (UPDATE …
//   booked < capacity RETURNING; none → 409 SLOT_FULL, all of the above rolled back), the pg_notify; COMMIT;
// - the domain's reminderAt, reminderStateAt, workshopNoticeStateAt, maskPhone, wallClock for the answer;
//   the same JSON (201 with the appointment).
import { createSecretKey, randomUUID } from 'node:crypto';
import { APPOINTMENT_BOOKING_ROLES, DEFAULT_APPOINTMENT_POLICY, decideBooking, fen, maskPhone, normalizePhone, reminderAt, reminderStateAt, resolveSlot, wallClock, workshopNoticeStateAt } from '@sitedesk/domain';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const SQL = {
  "site": "SELECT \"Site\".\"id\" AS \"Site_id\", \"Site\".\"organization_id\" AS \"Site_organization_id\", \"Site\".\"code\" AS \"Site_code\", \"Site\".\"name\" AS \"Site_name\", \"Site\".\"kind\" AS \"Site_kind\", \"Site\".\"time_zone\" AS \"Site_time_zone\", \"Site\".\"created_at\" AS \"Site_created_at\" FROM \"site\" \"Site\" WHERE ((\"Site\".\"id\" = $1)) LIMIT 1",
  "policy": "SELECT \"AppointmentPolicyVersion\".\"site_id\" AS \"AppointmentPolicyVersion_site_id\", \"AppointmentPolicyVersion\".\"id\" AS \"AppointmentPolicyVersion_id\", \"AppointmentPolicyVersion\".\"version\" AS \"AppointmentPolicyVersion_version\", \"AppointmentPolicyVersion\".\"policy\" AS \"AppointmentPolicyVersion_policy\", \"AppointmentPolicyVersion\".\"created_by\" AS \"AppointmentPolicyVersion_created_by\", \"AppointmentPolicyVersion\".\"created_at\" AS \"AppointmentPolicyVersion_created_at\" FROM \"appointment_policy\" \"AppointmentPolicyVersion\" WHERE ((\"AppointmentPolicyVersion\".\"site_id\" = $1)) ORDER BY \"AppointmentPolicyVersion\".\"version\" DESC LIMIT 1",
  "slot": "INSERT INTO service_slot (site_id, date, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_id, starts_at) DO NOTHING",
  "findSlot": "SELECT id, booked, capacity FROM service_slot WHERE site_id = $1 AND starts_at = $2",
  "take": "UPDATE service_slot SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING id, booked, capacity",
  "insert": "INSERT INTO \"service_appointment\"(\"site_id\", \"id\", \"slot_id\", \"date\", \"starts_at\", \"ends_at\", \"status\", \"customer_name\", \"customer_phone\", \"vehicle_plate\", \"vehicle_model\", \"work\", \"parts_fen\", \"deposit_fen\", \"required_deposit_fen\", \"deposit_receipt_no\", \"form_no\", \"signed_by\", \"booked_by\", \"booked_at\", \"policy_version\", \"remind_at\", \"reminded_at\", \"reminder_sms_id\", \"workshop_notified_at\", \"cancelled_at\", \"cancelled_by\", \"cancel_reason\") VALUES ($1, DEFAULT, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, DEFAULT, DEFAULT, DEFAULT) RETURNING \"id\"",
  "job": "INSERT INTO \"job\"(\"id\", \"site_id\", \"name\", \"payload\", \"run_at\", \"status\", \"attempts\", \"max_attempts\", \"dedupe_key\", \"locked_until\", \"last_error\", \"created_at\", \"finished_at\") VALUES (DEFAULT, $1, $2, $3, $4, DEFAULT, DEFAULT, $5, $6, DEFAULT, DEFAULT, DEFAULT, DEFAULT) ON CONFLICT DO NOTHING  RETURNING \"id\", \"payload\", \"status\", \"attempts\", \"max_attempts\", \"created_at\"",
  "audit": "INSERT INTO \"audit_event\"(\"id\", \"organization_id\", \"site_id\", \"actor_id\", \"actor_login\", \"action\", \"entity_type\", \"entity_id\", \"before\", \"after\", \"reason\", \"request_id\", \"at\") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT) RETURNING \"id\", \"at\"",
  "notify": "SELECT pg_notify($1, $2)",
  "users": "SELECT \"User\".\"id\" AS \"User_id\", \"User\".\"display_name\" AS \"User_display_name\" FROM \"app_user\" \"User\" WHERE ((\"User\".\"id\" IN ($1)))"
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BOOKERS = new Set(APPOINTMENT_BOOKING_ROLES);
const problem = (reply, status, title, extra = {}) => reply.code(status).type('application/problem+json').send({ type: extra.code ? `https://sitedesk.dev/problems/${extra.code.toLowerCase().replace(/_/g, '-')}` : 'about:blank', title, status, ...extra });
const str = (v) => typeof v === 'string' && v.length > 0;
const amount = (v) => Number.isInteger(v) && v >= 0;

/** The audit trail's scrub (AuditService): secrets out, dates as ISO strings. */
function scrub(v) {
  const out = {};
  for (const [k, val] of Object.entries(v)) {
    if (/password|secret|token|hash|pin/i.test(k)) continue;
    out[k] = val instanceof Date ? val.toISOString() : val;
  }
  return out;
}

/**
 * @param {{ databaseUrl: string, jwtSecret: string, poolSize: number }} opts
 * @returns {Promise<import('fastify').FastifyInstance>} not yet listening
 */
export async function createServer({ databaseUrl, jwtSecret, poolSize }) {
  // `date` columns as strings, as TypeORM hands them to the API.
  const types = { getTypeParser: (oid, format) => (oid === 1082 ? (v) => v : pg.types.getTypeParser(oid, format)) };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'sitedesk-bench-raw', types });
  pool.on('error', () => {});
  const key = createSecretKey(Buffer.from(jwtSecret));
  const sites = new Map();
  const siteOf = async (id) => {
    const hit = sites.get(id);
    if (hit && Date.now() - hit.at < 60_000) return hit.site;
    const row = (await pool.query(SQL.site, [id])).rows[0];
    const site = row ? { id: row.Site_id, organizationId: row.Site_organization_id, timeZone: row.Site_time_zone } : null;
    sites.set(id, { site, at: Date.now() });
    return site;
  };

  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.post('/api/v1/service-appointments', async (req, reply) => {
    const auth = req.headers.authorization;
    let claims;
    try {
      claims = auth?.startsWith('Bearer ') ? jwt.verify(auth.slice(7).trim(), key, { algorithms: ['HS256'], issuer: 'sitedesk' }) : null;
    } catch {
      claims = null;
    }
    if (claims?.typ !== 'access' || !Array.isArray(claims.grants)) return problem(reply, 401, 'Unauthorized');
    const grants = claims.grants.map(([siteId, role]) => ({ siteId, role }));
    if (!grants.some((g) => BOOKERS.has(g.role))) return problem(reply, 403, 'Forbidden');
    const b = /** @type {any} */ (req.body) ?? {};
    if (!str(b.siteId) || !UUID.test(b.siteId) || !/^\d{4}-\d{2}-\d{2}$/.test(b.date ?? '') || !/^([01]\d|2[0-3]):[0-5]\d$/.test(b.time ?? '')
      || ![b.customerName, b.customerPhone, b.vehiclePlate, b.work, b.formNo, b.signedBy].every(str) || !amount(b.partsFen) || !amount(b.depositFen)) return problem(reply, 400, 'Bad Request');
    const site = await siteOf(b.siteId);
    const held = site && site.organizationId === claims.org ? grants.filter((g) => g.siteId === site.id || g.siteId === null).map((g) => g.role) : [];
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => BOOKERS.has(r))) return problem(reply, 403, 'Forbidden');
    const phone = normalizePhone(b.customerPhone);
    if (!phone) return problem(reply, 400, 'Bad Request');

    const client = await pool.connect();
    try {
      await client.query('START TRANSACTION');
      const now = new Date();
      const latest = (await client.query(SQL.policy, [site.id])).rows[0];
      if (!latest) throw new Error('the scenario publishes the site\'s appointment policy');
      const version = latest.AppointmentPolicyVersion_version;
      const policy = { ...DEFAULT_APPOINTMENT_POLICY, ...latest.AppointmentPolicyVersion_policy };
      let slot, requiredDepositFen;
      try {
        slot = resolveSlot(b.date, b.time, policy, site.timeZone, now);
        ({ requiredDepositFen } = decideBooking({ partsFen: fen(b.partsFen), depositFen: fen(b.depositFen), depositReceiptNo: b.depositReceiptNo ?? null, formNo: b.formNo, signedBy: b.signedBy }, policy));
      } catch (e) {
        await client.query('ROLLBACK');
        return problem(reply, 422, 'Unprocessable Entity', { detail: e.message, code: e.code });
      }
      const full = async () => {
        await client.query('ROLLBACK');
        return problem(reply, 409, 'Conflict', { detail: `every bay of the ${b.time} slot is booked (RES-10)`, code: 'SLOT_FULL', instance: req.url, requestId: randomUUID() });
      };
      // As the API: an unlocked read of the slot (made by the first booking), full → 409 at once; the
      // contended conditional UPDATE of its counter comes last, after everything else is written.
      let slotRow = (await client.query(SQL.findSlot, [site.id, slot.startsAt])).rows[0];
      if (!slotRow) {
        await client.query(SQL.slot, [site.id, b.date, slot.startsAt, slot.endsAt, policy.bays]);
        slotRow = (await client.query(SQL.findSlot, [site.id, slot.startsAt])).rows[0];
      }
      if (slotRow.booked >= slotRow.capacity) return full();
      const a = {
        siteId: site.id, slotId: slotRow.id, date: b.date, startsAt: slot.startsAt, endsAt: slot.endsAt, status: 'booked',
        customerName: b.customerName.trim(), customerPhone: phone, vehiclePlate: b.vehiclePlate.trim().toUpperCase(), vehicleModel: b.vehicleModel?.trim() || null,
        work: b.work.trim(), partsFen: b.partsFen, depositFen: b.depositFen, requiredDepositFen, depositReceiptNo: b.depositReceiptNo ?? null, formNo: b.formNo,
        signedBy: b.signedBy.trim(), bookedBy: claims.sub, bookedAt: now, policyVersion: version, remindAt: reminderAt(slot.startsAt, now, policy),
        remindedAt: null, reminderSmsId: null, workshopNotifiedAt: null,
      };
      try {
        const [{ id }] = (await client.query(SQL.insert, [a.siteId, a.slotId, a.date, a.startsAt, a.endsAt, a.status, a.customerName, a.customerPhone, a.vehiclePlate, a.vehicleModel, a.work, a.partsFen, a.depositFen, a.requiredDepositFen, a.depositReceiptNo, a.formNo, a.signedBy, a.bookedBy, a.bookedAt, a.policyVersion, a.remindAt, a.remindedAt, a.reminderSmsId, a.workshopNotifiedAt])).rows;
        a.id = id;
      } catch (e) {
        await client.query('ROLLBACK');
        if (e.code === '23505') return problem(reply, 409, 'Conflict', { detail: 'an appointment with this form number is already in the register', code: 'FORM_NO_EXISTS', instance: req.url, requestId: randomUUID() });
        throw e;
      }
      await client.query(SQL.job, [site.id, 'reservation.workshop_notice', JSON.stringify({ appointmentId: a.id }), now, 5, `reservation.workshop_notice:${a.id}`]);
      await client.query(SQL.job, [site.id, 'reservation.appointment_reminder', JSON.stringify({ appointmentId: a.id }), a.remindAt, 5, `reservation.appointment_reminder:${a.id}`]);
      await client.query(SQL.audit, [site.organizationId, site.id, claims.sub, claims.login ?? null, 'reservation.appointment_booked', 'service_appointment', a.id, null, JSON.stringify(scrub(a)), null, randomUUID()]);
      const names = new Map((await client.query(SQL.users, [a.bookedBy])).rows.map((r) => [r.User_id, r.User_display_name]));
      const taken = (await client.query(SQL.take, [slotRow.id])).rows;
      if (!taken.length) return full();
      await client.query(SQL.notify, ['sitedesk_events', JSON.stringify({ siteId: site.id, type: 'reservation.appointment', data: { appointmentId: a.id, change: 'booked', date: b.date, time: b.time, booked: taken[0].booked, capacity: taken[0].capacity }, at: new Date().toISOString() })]);
      await client.query('COMMIT');
      const w = wallClock(a.startsAt, site.timeZone);
      reply.code(201);
      return {
        id: a.id, siteId: a.siteId, date: a.date, time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`, startsAt: a.startsAt, endsAt: a.endsAt,
        status: a.status, customerName: a.customerName, customerPhoneMasked: maskPhone(a.customerPhone), vehiclePlate: a.vehiclePlate, vehicleModel: a.vehicleModel, work: a.work,
        partsFen: a.partsFen, depositFen: a.depositFen, requiredDepositFen: a.requiredDepositFen, depositReceiptNo: a.depositReceiptNo, formNo: a.formNo, signedBy: a.signedBy,
        bookedBy: a.bookedBy, bookedByName: names.get(a.bookedBy) ?? '', bookedAt: a.bookedAt, policyVersion: a.policyVersion, remindAt: a.remindAt, remindedAt: a.remindedAt,
        reminder: reminderStateAt(a, now), workshopNotifiedAt: a.workshopNotifiedAt, workshopNotice: workshopNoticeStateAt(a, now, site.timeZone),
      };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  });
  return app;
}
