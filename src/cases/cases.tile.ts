import { notAfter } from '../platform/dates.ts';
import type { DashboardTile } from '../platform/module.ts';
import { figuresOf, latestFiguresDay } from './cases.figures.ts';

/** The big screen's case tile: the latest figures entered, never after the business day. */
export const casesTile: DashboardTile = {
  id: 'cases',
  async read(ctx, actor, day) {
    const latest = await latestFiguresDay(ctx, actor);
    if (!latest) return null;
    const { date, figures } = await figuresOf(ctx, actor, notAfter(latest, day));
    return {
      date,
      newLocalConfirmed: figures.newLocalConfirmed,
      newLocalAsymptomatic: figures.newLocalAsymptomatic,
      localDischarged: figures.localDischarged,
      localReleased: figures.localReleased,
    };
  },
};
