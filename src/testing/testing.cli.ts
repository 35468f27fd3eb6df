import type { Command } from 'commander';

/** The testing module's commands (being built in this session). */
export function testingCommands(_program: Command): void {}
