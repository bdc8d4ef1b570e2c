import { CloseCode } from '../../../schemas/api/closeCodes';

/**
 * What the editor does when the collaboration server closes the connection. The codes are the
 * server's named close codes (schemas/api/closeCodes.ts); the UI translates codes, never
 * the English reason string.
 */
export interface CloseAdvice {
  /** French message for the user, or null when a silent reconnection is enough. */
  message: string | null;
  /** Whether the provider should try again by itself. */
  reconnect: boolean;
  /**
   * 'login': the session is gone; 'retry': the user may retry by hand once the cause is fixed;
   * 'reset': the server will never take this device's pending changes, only a fresh copy helps.
   */
  action: 'none' | 'login' | 'retry' | 'reset';
}

const advice: Record<number, CloseAdvice> = {
  [CloseCode.unauthorized]: {
    message: 'Votre session a expiré. Reconnectez-vous pour continuer : vos modifications sont conservées sur cet appareil.',
    reconnect: false,
    action: 'login',
  },
  [CloseCode.forbidden]: {
    message: 'Vous n’avez pas (ou plus) accès à ce projet. Demandez l’accès au coordonnateur du projet.',
    reconnect: false,
    action: 'none',
  },
  [CloseCode.notFound]: {
    message: 'Ce projet n’existe pas ou a été supprimé.',
    reconnect: false,
    action: 'none',
  },
  [CloseCode.sectionLocked]: {
    message:
      'Une section que vous avez modifiée a été verrouillée par un coordonnateur : vos dernières modifications ne peuvent pas être enregistrées. Copiez votre texte si besoin, puis rechargez le projet.',
    reconnect: false,
    action: 'reset',
  },
  [CloseCode.rightsChanged]: {
    message: 'Vos droits sur ce projet ont changé. Rechargez la page pour continuer avec vos nouveaux droits.',
    reconnect: true,
    action: 'none',
  },
  [CloseCode.missingDependencies]: {
    message: null,
    reconnect: true,
    action: 'none',
  },
  [CloseCode.invalidChange]: {
    message:
      'Le serveur a refusé votre dernière modification : elle rendait une partie structurée du document invalide. Copiez votre texte si besoin, puis rechargez le projet.',
    reconnect: false,
    action: 'reset',
  },
  [CloseCode.serverOwned]: {
    message:
      'Le plan du document (chapitres, titres, statut, attribution) ne se modifie que par les commandes de l’application. Rechargez le projet pour repartir de la version du serveur.',
    reconnect: false,
    action: 'reset',
  },
  [CloseCode.tooManyConnections]: {
    message: 'Trop de connexions simultanées à votre compte (onglets ou appareils). Fermez un onglet : la reconnexion est automatique.',
    reconnect: true,
    action: 'none',
  },
  [CloseCode.messageTooBig]: {
    message: 'Une modification est trop volumineuse pour être envoyée au serveur (contenu collé trop long ?). Réduisez-la puis cliquez sur « Réessayer ».',
    reconnect: false,
    action: 'retry',
  },
  [CloseCode.documentTooLarge]: {
    message:
      'Le document a atteint sa taille maximale : la dernière modification a été refusée par le serveur. Réduisez le contenu puis cliquez sur « Réessayer ».',
    reconnect: false,
    action: 'retry',
  },
  [CloseCode.malformedMessage]: {
    message: 'Le serveur a refusé un message de l’éditeur. Rechargez la page ; si le problème persiste, contactez le support.',
    reconnect: false,
    action: 'retry',
  },
  [CloseCode.storeUnavailable]: {
    message: 'Le stockage du serveur est momentanément indisponible. Nouvelle tentative automatique…',
    reconnect: true,
    action: 'none',
  },
  [CloseCode.internalError]: {
    message: 'Erreur interne du serveur. Nouvelle tentative automatique…',
    reconnect: true,
    action: 'none',
  },
  [CloseCode.goingAway]: {
    message: null,
    reconnect: true,
    action: 'none',
  },
};

const transient: CloseAdvice = { message: null, reconnect: true, action: 'none' };

/** Advice for a close code; unknown codes (network loss, 1006…) reconnect silently. */
export function closeAdvice(code: number): CloseAdvice {
  return advice[code] ?? transient;
}
