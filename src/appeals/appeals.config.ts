// What the public forms print that a deployment sets, not the code: the hotline number and the
// channels' names. The defaults are Fuzhou's channels (DESIGN.md) and the demo's hotline; a
// deployment overrides them from the environment, and an empty BANYAN_APPEALS_HOTLINE hides the line.

/** The hotline and channel names the public forms and the hotline console show. */
export interface AppealsSettings {
  hotline: string | null;
  channels: { web: { 'zh-CN': string; en: string }; mobile: { 'zh-CN': string; en: string } };
}

/** The demo's hotline number (a made-up Fuzhou number in the 0591 area). */
export const DEMO_HOTLINE = '0591-968871';

const named = (v: string | undefined, zh: string, en: string) => {
  const given = v?.trim();
  return given ? { 'zh-CN': given, en: given } : { 'zh-CN': zh, en };
};

/** Reads the appeals settings from the environment (BANYAN_APPEALS_HOTLINE, _WEB_NAME, _MOBILE_NAME). */
export function appealsSettings(env: NodeJS.ProcessEnv = process.env): AppealsSettings {
  const hotline = env.BANYAN_APPEALS_HOTLINE;
  return {
    hotline: hotline === undefined ? DEMO_HOTLINE : hotline.trim() || null,
    channels: {
      web: named(
        env.BANYAN_APPEALS_WEB_NAME,
        '政企直通车「抗疫通道」',
        'Government–Enterprise Express "Epidemic Channel"',
      ),
      mobile: named(env.BANYAN_APPEALS_MOBILE_NAME, '福州工信「一键写信」', 'Fuzhou Industry & IT "One-Tap Letter"'),
    },
  };
}
