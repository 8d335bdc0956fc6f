// The gateway's datasources: today only UQPAY.
export * from './uqpay';
