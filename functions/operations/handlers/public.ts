import { roomHandlers } from '../../core/handlers';
import { checkHealth } from '../health';

export default roomHandlers('operations', 'public', {
  async health() {
    const result = await checkHealth();
    return { status: result.status === 'ok' ? 200 : 503, body: { ...result, time: new Date().toISOString() } };
  },
});
