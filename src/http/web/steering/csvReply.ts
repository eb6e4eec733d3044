import type { FastifyReply } from 'fastify';

/** A CSV download (the participant lists of « Pilotage » and « Espace organisme »). */
export function sendCsv(reply: FastifyReply, filename: string, body: string) {
  return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`).send(body);
}
