import {
  defaultTemplateId,
  TEMPLATE_AUDIENCES,
  TEMPLATE_EVENTS,
  type TemplateAudience,
  type TemplateEvent,
  type TemplateInput,
} from '../../../shared/api/notificationTemplates';

/** The built-in wording of each event's two mails, used until the tenant keeps its own under the same id or chooses another. */
const DEFAULTS: Record<TemplateEvent, Record<TemplateAudience, Omit<TemplateInput, 'event' | 'audience'>>> = {
  'order.placed': {
    staff: {
      name: 'Order placed (staff)',
      subject: 'Order {{order.number}} placed by {{company.name}}',
      body: '{{contact.name}} of {{company.name}} placed order {{order.number}} for {{order.total}} ({{order.lineCount}} lines) in the portal.\n\nPayment at purchase: {{order.paymentRequested}}.',
    },
    contact: {
      name: 'Order placed (confirmation)',
      subject: 'We have your order {{order.number}}',
      body: 'Hello {{contact.name}},\n\nThank you for your order {{order.number}} for {{order.total}}. We will be in touch when it is on its way.\n\n{{tenant.name}}',
    },
  },
  'quote.requested': {
    staff: {
      name: 'Quote requested (staff)',
      subject: 'Quote requested by {{company.name}}: {{request.title}}',
      body: '{{contact.name}} of {{company.name}} asked for a quote in the portal.\n\n{{request.title}}\n\n{{request.description}}\n\nFiles: {{request.files}}',
    },
    contact: {
      name: 'Quote requested (confirmation)',
      subject: 'We have your quote request: {{request.title}}',
      body: 'Hello {{contact.name}},\n\nThank you for asking for a quote for "{{request.title}}". We will send it to you in the portal.\n\n{{tenant.name}}',
    },
  },
  'job.requested': {
    staff: {
      name: 'Job requested (staff)',
      subject: 'Job requested by {{company.name}}: {{request.title}}',
      body: '{{contact.name}} of {{company.name}} asked for a job in the portal.\n\n{{request.title}}\n\n{{request.description}}\n\nFiles: {{request.files}}',
    },
    contact: {
      name: 'Job requested (confirmation)',
      subject: 'We have your job request: {{request.title}}',
      body: 'Hello {{contact.name}},\n\nThank you for asking us for "{{request.title}}". We will be in touch through the portal.\n\n{{tenant.name}}',
    },
  },
};

export const defaultTemplates = (): Array<TemplateInput & { templateId: string }> =>
  TEMPLATE_EVENTS.flatMap((event) =>
    TEMPLATE_AUDIENCES.map((audience) => ({ templateId: defaultTemplateId(event, audience), event, audience, ...DEFAULTS[event][audience] })),
  );

export const defaultTemplate = (templateId: string) => defaultTemplates().find((t) => t.templateId === templateId);

/** Sample values for the preview: every placeholder filled, as a real event would. */
export const SAMPLE_DATA: Record<string, string> = {
  'tenant.name': 'Your business',
  'contact.name': 'Ada Lovelace',
  'contact.email': 'ada@example.com',
  'company.name': 'Analytical Engines Ltd',
  'portal.link': 'https://portal.example.com/',
  'order.number': 'SO-1042',
  'order.total': '£1,234.50',
  'order.lineCount': '3',
  'order.paymentRequested': 'yes',
  'request.title': 'Shop-front sign',
  'request.description': 'Two signs, 2400 × 600 mm, navy on white.',
  'request.kind': 'quote',
  'request.files': 'brief.pdf',
};
