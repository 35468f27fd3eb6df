import { type ApiState, useApi } from '../common/useApi';

/** The appeal form's choices as the server defines them; the districts are geo's division list. */
export interface AppealOptions {
  categories: string[];
  urgencies: string[];
  districts: Array<{ code: string; name: string }>;
}

/**
 * The choices of the appeal forms and filters. The public endpoint serves them, so the signed-out forms
 * and the staff screens read one list instead of each keeping a copy.
 */
export function useAppealOptions(): ApiState<AppealOptions> {
  return useApi<AppealOptions>('/api/v1/public/appeals/options');
}
