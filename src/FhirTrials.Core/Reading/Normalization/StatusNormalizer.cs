using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>Overall or site recruitment status in CT.gov wording, API enum text, a registry's or an aggregator's own words.</summary>
public static class StatusNormalizer
{
    // Each registry's own words (ISRCTN, ANZCTR, CTRI, PACTR, ChiCTR, UMIN, jRCT, DRKS, IRCT, ReBEC, EU CTR, CTIS)
    // and the sites' words in German, French, Spanish and Portuguese; the words are kept in statusText.
    private static readonly Vocabulary<RecruitmentStatus> Wordings = new(
    [
        .. Words(RecruitmentStatus.NotYetRecruiting,
            "Not yet recruiting", "Not yet enrolling", "Not yet open", "Not yet open for recruitment", "Pending", "Preinitiation", "Recruiting planned",
            "Authorised, recruitment pending", "Ongoing, not yet recruiting", "Authorised, not started",
            "Noch nicht rekrutierend", "Rekrutierung geplant", "In Vorbereitung",
            "Pas encore de recrutement", "Recrutement à venir", "Pas encore ouvert", "En préparation", "Inclusions à venir",
            "Aún no reclutando", "Todavía no reclutando", "Aún no recluta", "No reclutando todavía", "Pendiente", "Reclutamiento pendiente",
            "Ainda não recrutando", "Não iniciado", "Recrutamento não iniciado", "Recrutamento pendente"),
        .. Words(RecruitmentStatus.Recruiting,
            "Recruiting", "Enrolling", "Open", "Open to enrollment", "Open for recruitment", "Open to recruitment", "Currently recruiting",
            "Open public recruiting", "Recruiting ongoing", "Ongoing, recruiting", "Authorised, recruiting", "Recruitment ongoing", "Actively recruiting",
            "Teilnahme möglich", "Rekrutierung läuft", "Rekrutierend", "Rekrutierung offen", "Offen",
            "Recrutement en cours", "En cours de recrutement", "Inclusions en cours", "Ouvert", "Recrutement ouvert", "Ouvert aux inclusions",
            "Reclutando", "En reclutamiento", "Reclutamiento abierto", "Abierto", "Reclutamiento activo",
            "Recrutando", "Recrutamento aberto", "Aberto", "Em recrutamento"),
        .. Words(RecruitmentStatus.EnrollingByInvitation, "Enrolling by invitation", "Nur auf Einladung", "Sur invitation", "Por invitación", "Por convite"),
        .. Words(RecruitmentStatus.ActiveNotRecruiting,
            "Active, not recruiting", "Active, not enrolling", "Not recruiting", "No longer recruiting", "Closed", "Closed to enrollment", "Closed to recruitment",
            "Closed to Recruitment of Participants", "Recruitment completed", "Recruitment complete", "Recruitment closed", "Ongoing", "Trial ongoing",
            "Closed: follow-up continuing", "Recruiting complete, study continuing", "Recruiting complete, follow-up continuing", "Ongoing, recruitment ended",
            "Restarted", "Enrolment closed", "Enrollment closed",
            "Rekrutierung abgeschlossen", "Rekrutierung beendet", "Rekrutierung abgeschlossen, Studie läuft", "Teilnahme nicht mehr möglich", "Laufend",
            "Aktiv, nicht rekrutierend", "Geschlossen",
            "Recrutement terminé", "Recrutement clos", "Inclusions terminées", "Inclusions closes", "Actif, ne recrute pas", "Actif, sans recrutement",
            "En cours", "Fermé", "Clos", "Essai en cours",
            "Activo, no reclutando", "Activo, sin reclutamiento", "Reclutamiento cerrado", "Reclutamiento completado", "Reclutamiento finalizado", "En curso", "Cerrado",
            "Recrutamento concluído", "Recrutamento encerrado", "Recrutamento completo", "Ativo, não recrutando", "Em andamento", "Fechado"),
        .. Words(RecruitmentStatus.Suspended,
            "Suspended", "Temporarily halted", "Temporarily closed", "Halted", "Suspending", "Temporary halt", "Recruiting suspended on temporary hold", "Suspended by CA",
            "Unterbrochen", "Ausgesetzt", "Ruhend", "Rekrutierung vorübergehend ausgesetzt",
            "Suspendu", "Suspendue", "Recrutement suspendu", "Interrompu temporairement",
            "Suspendido", "Reclutamiento suspendido", "Recrutamento suspenso", "Suspenso"),
        .. Words(RecruitmentStatus.Terminated,
            "Terminated", "Stopped early", "Stopped", "Prematurely Ended", "Ended early", "Terminated early", "Revoked",
            "Recruiting stopped after recruiting started", "Abgebrochen", "Vorzeitig beendet", "Rekrutierung abgebrochen",
            "Arrêté", "Arrêtée", "Arrêté prématurément", "Terminé prématurément", "Interrompu",
            "Detenido", "Finalizado anticipadamente", "Terminado anticipadamente", "Interrumpido",
            "Interrompido", "Encerrado precocemente", "Terminado precocemente"),
        .. Words(RecruitmentStatus.Completed,
            "Completed", "Complete", "Ended", "Closed: follow-up complete", "Recruiting complete, study complete", "Recruiting complete, follow-up complete",
            "Main results already published", "Study completed", "Trial completed",
            "Abgeschlossen", "Beendet", "Rekrutierung abgeschlossen, Studie abgeschlossen", "Studie abgeschlossen",
            "Terminé", "Terminée", "Essai terminé", "Étude terminée", "Achevé",
            "Completado", "Finalizado", "Concluido", "Terminado", "Estudio finalizado",
            "Concluído", "Encerrado", "Finalizado", "Estudo concluído"),
        .. Words(RecruitmentStatus.Withdrawn,
            "Withdrawn", "Cancelled", "Canceled", "Recruiting withdrawn before recruiting started", "Withdrawn before enrolment",
            "Zurückgezogen", "Retiré", "Annulé", "Retirado", "Cancelado"),
        .. Words(RecruitmentStatus.Unknown, "Unknown status", "Unknown", "Unbekannt", "Inconnu", "Desconocido", "Desconhecido"),
        .. Words(RecruitmentStatus.Withheld, "Withheld"),
        .. Words(RecruitmentStatus.Available, "Available"),
        .. Words(RecruitmentStatus.NoLongerAvailable, "No longer available"),
        .. Words(RecruitmentStatus.TemporarilyNotAvailable, "Temporarily not available"),
        .. Words(RecruitmentStatus.ApprovedForMarketing, "Approved for marketing"),
    ]);

    public static bool TryParse(string? text, out RecruitmentStatus status) => Wordings.TryMatch(text, out status);

    private static IEnumerable<(string, RecruitmentStatus)> Words(RecruitmentStatus status, params string[] words) =>
        words.Select(w => (w, status));
}
