/** Build valid in-memory records for tests that skip the YAML stage. */
import type { MissionInput, SessionInput } from '../../src/model/records.js';
import type { MissionRecord } from '../../src/schema/mission.js';
import type { ComponentRecord, SessionRecord } from '../../src/schema/session.js';

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
