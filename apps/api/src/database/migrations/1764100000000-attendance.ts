import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance (SPEC section 1): policy versions, blackout days, the rota and its publication, punches
 * (one clock-in per person, shift date and segment), business-outs, evening meetings, leave and swap
 * requests, incidents, submitted months, kiosk devices and clock-in PINs.
 */
export class Attendance1764100000000 implements MigrationInterface {
  name = 'Attendance1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "attendance_policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "version" integer NOT NULL, "effective_from" date NOT NULL, "policy" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6f94b213f5598cbf9d38169cc4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_93897ce7edbf67fbf8a8720ee0" ON "attendance_policy"  ("site_id", "version") `);
    await q.query(`CREATE TABLE "blackout_day" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "date" date NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94b804082af2cc3c9a03c3376ca" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_17d2df141528547d5e60536e3f" ON "blackout_day"  ("site_id", "date") `);
    await q.query(`CREATE TABLE "schedule_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "user_id" uuid NOT NULL, "date" date NOT NULL, "shift_code" text, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3600430a8792b80c5080826616a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_6dfcc566eed62d2d0eb82a8c98" ON "schedule_entry"  ("site_id", "date") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_5db057114e7fa7b67b00e40d63" ON "schedule_entry"  ("site_id", "user_id", "date") `);
    await q.query(`CREATE TABLE "rota_publication" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "week_start" date NOT NULL, "published_by" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5850add863cfefd5e511b78107f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_603e8d12b6b73604be119d2431" ON "rota_publication"  ("site_id", "week_start") `);
    await q.query(`CREATE TABLE "punch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "shift_date" date NOT NULL, "segment" integer NOT NULL DEFAULT '0', "source" text NOT NULL, "device_id" uuid, "ip" text, "correction_reason" text, "corrected_by" uuid, "voided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c1da1115cab7a5b4d6c188b814d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_cbf72e7abcacba311e18d82398" ON "punch"  ("user_id", "shift_date", "segment") WHERE kind = 'in' AND voided_at IS NULL`);
    await q.query(`CREATE INDEX "IDX_3c3c5ec9af6d3a735b05b32ac2" ON "punch"  ("site_id", "user_id", "at") `);
    await q.query(`CREATE TABLE "business_out" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "user_id" uuid NOT NULL, "from_at" TIMESTAMP WITH TIME ZONE NOT NULL, "to_at" TIMESTAMP WITH TIME ZONE NOT NULL, "whereabouts" text NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2f4fd24e598951f13ead10e8e70" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a2f8bb695983dd8efefe70dae5" ON "business_out"  ("site_id", "user_id", "from_at") `);
    await q.query(`CREATE TABLE "evening_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "date" date NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_57c584de92a3dfc647e81ba7a3f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_f214dda7c266afae2136339012" ON "evening_meeting"  ("site_id", "date") `);
    await q.query(`CREATE TABLE "leave_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "user_id" uuid NOT NULL, "type" text NOT NULL, "from_at" TIMESTAMP WITH TIME ZONE NOT NULL, "to_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "emergency" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'pending', "approval_steps" jsonb NOT NULL DEFAULT '[]', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "first_day_back" date, "certificate_at" TIMESTAMP WITH TIME ZONE, "policy_version" integer NOT NULL, CONSTRAINT "PK_6f6ed3822203a4e10a5753368db" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_3d49c8a05e4cab372225345a99" ON "leave_request"  ("site_id", "user_id", "from_at") `);
    await q.query(`CREATE TABLE "swap_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "requester_id" uuid NOT NULL, "colleague_id" uuid NOT NULL, "requester_date" date NOT NULL, "colleague_date" date NOT NULL, "reason" text NOT NULL, "status" text NOT NULL DEFAULT 'awaiting_colleague', "colleague_accepted_at" TIMESTAMP WITH TIME ZONE, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0f47e33a2daa40e285f416f5625" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_ece65764ef870746db9e499168" ON "swap_request"  ("site_id", "requester_id") `);
    await q.query(`CREATE TABLE "attendance_incident" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "user_id" uuid NOT NULL, "date" date NOT NULL, "kind" text NOT NULL, "note" text NOT NULL, "recorded_by" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8cf9a352f9edf2bcb83e780fd80" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_e7f4ae494148e1303627013f70" ON "attendance_incident"  ("site_id", "user_id", "date") `);
    await q.query(`CREATE TABLE "attendance_month" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "month" text NOT NULL, "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "report" jsonb NOT NULL, "revision" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_a3dd4f4683ecb7c0282a7003be1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_64cf7f331a92b18725dc6aae92" ON "attendance_month"  ("site_id", "month") `);
    await q.query(`CREATE TABLE "kiosk_device" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "token_hash" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3bcccfa9832ad47dcbb7ac014da" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_85aa23a4c68fa1aa8169452ebf" ON "kiosk_device"  ("prefix") `);
    await q.query(`CREATE TABLE "staff_pin" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "user_id" uuid NOT NULL, "pin_hash" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd5a1ef337a4bf0179abf84f1b1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_6c29fcbfe5fe49b6441dff6faf" ON "staff_pin"  ("site_id", "user_id") `);
    await q.query(`ALTER TABLE "attendance_policy" ADD CONSTRAINT "FK_3ea4650c7a5918bd796cff6e95e" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "blackout_day" ADD CONSTRAINT "FK_1bf936aeb2a9ffe613792d8dfff" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "schedule_entry" ADD CONSTRAINT "FK_43d99feb9bf5003b7bfcff03cc0" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "schedule_entry" ADD CONSTRAINT "FK_a42eafcf3f006569e7afe4f7e89" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "rota_publication" ADD CONSTRAINT "FK_ccf16d21cbb274bcb62612c1733" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "punch" ADD CONSTRAINT "FK_118b7cb4100b7ba182d3daba320" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "punch" ADD CONSTRAINT "FK_97ab09ddf1dfdd9017cc5c80b71" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "business_out" ADD CONSTRAINT "FK_86d6a4ed21a73d037f3caeef999" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "evening_meeting" ADD CONSTRAINT "FK_0bda340835cd620060e291bbee4" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "leave_request" ADD CONSTRAINT "FK_b3a5b5b63690c3dcd6786517183" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "leave_request" ADD CONSTRAINT "FK_ca87476ed904ae66d64f4218602" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "swap_request" ADD CONSTRAINT "FK_ec35b699cf6b72b8b1a3d164605" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "attendance_incident" ADD CONSTRAINT "FK_ee9d8b69cad599383b9328fdeed" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "attendance_month" ADD CONSTRAINT "FK_016c7f87d9737b0a052aebfc75d" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "kiosk_device" ADD CONSTRAINT "FK_c13ceb298bd2781e1e6b4aa8c49" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staff_pin" ADD CONSTRAINT "FK_e3fe1130b0d7290c2018489e798" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staff_pin" ADD CONSTRAINT "FK_2e2b2fb3f4ff38df11e81b785d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['staff_pin', 'kiosk_device', 'attendance_month', 'attendance_incident', 'swap_request', 'leave_request', 'evening_meeting', 'business_out', 'punch', 'rota_publication', 'schedule_entry', 'blackout_day', 'attendance_policy']) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
