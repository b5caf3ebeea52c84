// Opens the real lab a story needs: TCP on real TCP sockets, the conversation stories over real
// HTTP (and a real Redis). Whatever plays a story for real (the CLI, the panel) starts here.
import type { Topology } from '../engine/model';
import { RealLab, type RealLabOptions } from './realLab';
import type { RealStoryLab } from './realStoryLab';
import { RealTcpLab } from './tcpLab';

export function openRealLab(topology: Topology, options: RealLabOptions = {}): Promise<RealStoryLab> {
  return topology.protocol === 'tcp' ? RealTcpLab.open(topology) : RealLab.open(topology, options);
}
