import type { Command } from 'commander';

/** The appeals module's commands (being built in this session). */
export function appealsCommands(_program: Command): void {}
