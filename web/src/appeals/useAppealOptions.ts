import type { AppealOptions } from '../api-types';
import { type ApiState, useApi } from '../common/useApi';

/**
 * The choices of the appeal forms and filters, the hotline number and the channels' names. The
 * public endpoint serves them, so the signed-out forms and the staff screens read one list (and
 * one configuration) instead of each keeping a copy.
 */
export function useAppealOptions(): ApiState<AppealOptions> {
  return useApi<AppealOptions>('/api/v1/public/appeals/options');
}
