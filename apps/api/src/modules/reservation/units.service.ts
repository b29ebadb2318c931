import { Injectable } from '@nestjs/common';
import { fen, parseUnitsCsv, unitKey, unitStatusAt, validateUnit, type UnitImportError, type UnitInput } from '@sitedesk/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { page } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import type { CreateUnitDto, ListUnitsQuery, UnitDto, UpdateUnitDto } from './reservation.dto.js';
import { Unit, UnitOrder } from './reservation.entities.js';
import { orderFacts } from './order-facts.js';
import { isUniqueViolation } from '../../platform/errors/pg-errors.js';

/** The unit's status read at `$now` in SQL, the same rule as the domain's unitStatusAt (GEN-8). */
export const UNIT_STATUS_SQL = (order: string, now: string) =>
  `CASE WHEN ${order}.id IS NULL THEN 'available'
        WHEN ${order}.status = 'subscribed' AND ${order}.payment_due_at < ${now}
             AND (${order}.subscription_paid_at IS NULL OR ${order}.subscription_paid_at > ${order}.payment_due_at) THEN 'available'
        ELSE ${order}.status END`;

const ACTIVE_JOIN = `LEFT JOIN unit_order o ON o.unit_id = u.id AND o.status IN ('held', 'subscribed', 'deposited', 'contracted')`;

/** RES-1: the site's unit inventory — list with filters, create, edit, import from CSV. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  async toDtos(units: Unit[], em: EntityManager = this.ds.manager, now = new Date()): Promise<UnitDto[]> {
    const active = units.length ? await em.getRepository(UnitOrder).find({ where: { unitId: In(units.map((u) => u.id)), status: In(['held', 'subscribed', 'deposited', 'contracted']) } }) : [];
    const byUnit = new Map(active.map((o) => [o.unitId, o]));
    return units.map((u) => {
      const o = byUnit.get(u.id) ?? null;
      const status = unitStatusAt(o ? orderFacts(o) : null, now);
      return {
        id: u.id,
        siteId: u.siteId,
        building: u.building,
        number: u.number,
        floor: u.floor,
        layout: u.layout,
        areaM2: u.areaCentiM2 / 100,
        listPriceFen: u.listPriceFen,
        status,
        activeOrder: o && status !== 'available' ? { id: o.id, status, paymentDueAt: o.paymentDueAt } : null,
        updatedAt: u.updatedAt,
      };
    });
  }

  async list(site: SiteRef, q: ListUnitsQuery) {
    const now = new Date();
    const size = q.pageSize ?? 50;
    const { total, units } = await this.select(site, q, now, { size, offset: ((q.page ?? 1) - 1) * size });
    return page(await this.toDtos(units, this.ds.manager, now), total, q);
  }

  /** Every unit the filters find, in board order (销控表): a site has a few thousand at most. */
  async all(site: SiteRef, q: Omit<ListUnitsQuery, 'page' | 'pageSize'>): Promise<UnitDto[]> {
    const now = new Date();
    const { units } = await this.select(site, q, now);
    return this.toDtos(units, this.ds.manager, now);
  }

  /** The filters of the list, status read now; a page of them when `slice` is given. */
  private async select(site: SiteRef, q: Omit<ListUnitsQuery, 'page' | 'pageSize'>, now: Date, slice?: { size: number; offset: number }) {
    const where = ['u.site_id = $1'];
    const params: unknown[] = [site.id];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.status) {
      params.push(now);
      add(`${UNIT_STATUS_SQL('o', `$${params.length}::timestamptz`)} = ?`, q.status);
    }
    if (q.building) add('u.building = ?', q.building);
    if (q.floor !== undefined) add('u.floor = ?', q.floor);
    if (q.layout) add('u.layout = ?', q.layout);
    if (q.q) add(`u.number ILIKE ? ESCAPE '\\'`, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM unit u ${ACTIVE_JOIN} WHERE ${where.join(' AND ')}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT u.id FROM unit u ${ACTIVE_JOIN} WHERE ${where.join(' AND ')} ORDER BY u.building, u.floor, u.number, u.id${slice ? ` LIMIT ${slice.size} OFFSET ${slice.offset}` : ''}`,
      params,
    );
    const units = ids.length ? await this.ds.getRepository(Unit).find({ where: { id: In(ids.map((r) => r.id)) } }) : [];
    const order = new Map(ids.map((r, i) => [r.id, i]));
    units.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return { total: total as number, units };
  }

  async find(id: string, em: EntityManager = this.ds.manager, lock = false): Promise<Unit> {
    const unit = await em.getRepository(Unit).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!unit) throw notFound('unit');
    return unit;
  }

  private check(u: UnitInput) {
    const problems = validateUnit(u);
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: p.field === 'area' ? 'areaM2' : p.field === 'listPrice' ? 'listPriceFen' : p.field, message: p.message })));
  }

  async create(site: SiteRef, body: CreateUnitDto, userId: string): Promise<UnitDto> {
    const input: UnitInput = { building: body.building.trim(), number: body.number.trim(), floor: body.floor, layout: body.layout.trim(), areaCentiM2: Math.round(body.areaM2 * 100), listPriceFen: fen(body.listPriceFen) };
    this.check(input);
    return this.ds.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .insert()
        .into(Unit)
        .values({ siteId: site.id, ...input, unitKey: unitKey(input), createdBy: userId })
        .orIgnore()
        .returning('id')
        .execute();
      const createdId = (res.raw as { id: string }[])[0]?.id;
      if (!createdId) throw new ProblemException(409, 'UNIT_EXISTS', `${input.building} ${input.number} is already in the inventory`);
      const unit = await em.getRepository(Unit).findOneByOrFail({ id: createdId });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.unit_created', entityType: 'unit', entityId: unit.id, after: unit });
      await this.events.publish(em, site.id, 'reservation.unit', { unitId: unit.id, change: 'created', status: 'available' });
      return (await this.toDtos([unit], em))[0];
    });
  }

  async update(site: SiteRef, id: string, body: UpdateUnitDto, userId: string): Promise<UnitDto> {
    if (!Object.values(body).some((v) => v !== undefined)) throw validationFailed([{ field: 'body', message: 'name at least one field to change' }]);
    return this.ds.transaction(async (em) => {
      const unit = await em.getRepository(Unit).findOne({ where: { id, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw notFound('unit');
      const before = { ...unit };
      const input: UnitInput = {
        building: body.building?.trim() ?? unit.building,
        number: body.number?.trim() ?? unit.number,
        floor: body.floor ?? unit.floor,
        layout: body.layout?.trim() ?? unit.layout,
        areaCentiM2: body.areaM2 !== undefined ? Math.round(body.areaM2 * 100) : unit.areaCentiM2,
        listPriceFen: fen(body.listPriceFen ?? unit.listPriceFen),
      };
      this.check(input);
      Object.assign(unit, input, { unitKey: unitKey(input), updatedAt: new Date() });
      try {
        await em.getRepository(Unit).save(unit);
      } catch (e) {
        if (isUniqueViolation(e)) throw new ProblemException(409, 'UNIT_EXISTS', `${input.building} ${input.number} is already in the inventory`);
        throw e;
      }
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.unit_updated', entityType: 'unit', entityId: unit.id, before, after: unit, actorId: userId });
      const [dto] = await this.toDtos([unit], em);
      await this.events.publish(em, site.id, 'reservation.unit', { unitId: unit.id, change: 'edited', status: dto.status });
      return dto;
    });
  }

  /**
   * RES-1 import: the good rows are written in one transaction, the bad ones reported by line with a
   * code; a unit already in the inventory (or inserted meanwhile by someone else) is reported as UNIT_EXISTS.
   */
  async import(site: SiteRef, csv: string, userId: string): Promise<{ created: number; errors: UnitImportError[] }> {
    const { rows, errors } = parseUnitsCsv(csv);
    if (rows.length > 5000) throw validationFailed([{ field: 'csv', message: 'at most 5000 units per import' }]);
    return this.ds.transaction(async (em) => {
      const created = new Set<string>();
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const res = await em
          .createQueryBuilder()
          .insert()
          .into(Unit)
          .values(chunk.map(({ unit }) => ({ siteId: site.id, ...unit, unitKey: unitKey(unit), createdBy: userId })))
          .orIgnore()
          .returning('unit_key')
          .execute();
        for (const r of res.raw as { unit_key: string }[]) created.add(r.unit_key);
      }
      for (const { line, unit } of rows) {
        if (!created.has(unitKey(unit))) errors.push({ line, field: 'number', code: 'UNIT_EXISTS', message: `${unit.building} ${unit.number} is already in the inventory` });
      }
      errors.sort((a, b) => a.line - b.line);
      if (created.size) {
        await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.units_imported', entityType: 'site', entityId: site.id, after: { created: created.size, errors: errors.length } });
        await this.events.publish(em, site.id, 'reservation.unit', { change: 'imported', created: created.size });
      }
      return { created: created.size, errors };
    });
  }
}
