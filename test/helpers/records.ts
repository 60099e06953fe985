/** Build valid in-memory records for tests that skip the YAML stage. */
import type { ComponentRecord, MissionInput, MissionRecord, SessionInput, SessionRecord } from '../../src/types.js';

export function session(id: string, record: Partial<SessionRecord> & Pick<SessionRecord, 'date'>): SessionInput {
  return {
    id,
    file: `data/m/sessions/${id}.yaml`,
    record: { title: id, components: [], ...record },
    positions: { values: {}, keys: {} },
  };
}

export function component(name: string, extra: Partial<ComponentRecord> = {}): ComponentRecord {
  return { name, ...extra };
}

export function mission(sessions: SessionInput[], record: Partial<MissionRecord> = {}): MissionInput {
  return {
    name: 'm',
    file: 'data/m/mission.yaml',
    record: { title: 'Mission', ...record },
    positions: { values: {}, keys: {} },
    sessions,
  };
}
