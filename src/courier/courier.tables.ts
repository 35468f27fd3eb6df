import type { Generated } from 'kysely';

/** A courier firm (EMS, SF, ZTO…): its code is what imports and volumes name. */
export interface CourierFirmRow {
  code: string;
  name_zh: string;
  name_en: string;
}

/** An outlet (快递网点): open, closed because it lies in a sealed zone, or suspended by the regulator. */
export interface CourierOutletRow {
  id: Generated<number>;
  code: string;
  firm_code: string;
  name: string;
  district_code: string;
  address: string;
  status: string;
  /** Front-line couriers the firm declares for the outlet (the briefing's "10,000+"); worker records may be fewer. */
  staff: number;
  created_at: string;
  updated_at: string;
}

/** A worker of an outlet: a person of the register (their identity stays in `persons`). */
export interface CourierWorkerRow {
  id: Generated<number>;
  outlet_id: number;
  person_id: number;
  on_duty: number;
  created_at: string;
}

/** An outlet's status from a day on (until its next row): what was open on a past day. */
export interface CourierOutletStatusRow {
  outlet_id: number;
  from_day: string;
  status: string;
}

/** Which outlet an outlet-manager account manages. */
export interface CourierOutletManagerRow {
  user_id: number;
  outlet_id: number;
}

/** A swab a sampling site marked as taken in the couriers' green lane (绿色通道). */
export interface CourierGreenLaneRow {
  tube_code: string;
  person_id: number;
  site_code: string;
  marked_at: string;
  actor: string;
}

/** A disinfection (消杀) of an outlet's site, a vehicle or a parcel batch. */
export interface CourierDisinfectionRow {
  id: Generated<number>;
  kind: string;
  subject: string;
  outlet_id: number | null;
  batch_id: number | null;
  at: string;
  actor: string;
}

/** An international parcel batch, held until the policy's hours after its disinfection. */
export interface CourierBatchRow {
  id: Generated<number>;
  batch_no: string;
  firm_code: string;
  origin: string;
  parcels: number;
  arrived_at: string;
  disinfected_at: string | null;
  released_at: string | null;
  released_by: string | null;
}

/** An inspection visit: how many inspectors (person-times), the outlet, findings, rectified on the spot. */
export interface CourierInspectionRow {
  id: Generated<number>;
  outlet_id: number;
  visited_on: string;
  inspectors: number;
  findings: string;
  rectified: number;
  actor: string;
}

/** A summons of a firm (约谈) and its reason. */
export interface CourierSummonsRow {
  id: Generated<number>;
  firm_code: string;
  summoned_on: string;
  reason: string;
  actor: string;
}

/** Parcels collected and delivered by one firm in one district on one day. */
export interface CourierVolumeRow {
  day: string;
  firm_code: string;
  district_code: string;
  collected: number;
  delivered: number;
}

/** Where parcels for a sealed zone are left: a smart locker or a temporary point. */
export interface CourierDeliveryPointRow {
  id: Generated<number>;
  zone_code: string;
  kind: string;
  name: string;
  created_at: string;
}

/** Parcels delivered at a point on a day. */
export interface CourierPointDeliveryRow {
  point_id: number;
  day: string;
  parcels: number;
}

/** A relief transport trip carrying supplies; weight in kilograms so that sums stay exact. */
export interface CourierReliefTripRow {
  id: Generated<number>;
  trip_on: string;
  plate: string;
  driver_masked: string;
  driver_cipher: string;
  origin: string;
  destination: string;
  kg: number;
  persons: number;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    courier_firms: CourierFirmRow;
    courier_outlets: CourierOutletRow;
    courier_workers: CourierWorkerRow;
    courier_outlet_managers: CourierOutletManagerRow;
    courier_outlet_status: CourierOutletStatusRow;
    courier_green_lane: CourierGreenLaneRow;
    courier_disinfections: CourierDisinfectionRow;
    courier_batches: CourierBatchRow;
    courier_inspections: CourierInspectionRow;
    courier_summons: CourierSummonsRow;
    courier_volumes: CourierVolumeRow;
    courier_delivery_points: CourierDeliveryPointRow;
    courier_point_deliveries: CourierPointDeliveryRow;
    courier_relief_trips: CourierReliefTripRow;
  }
}
