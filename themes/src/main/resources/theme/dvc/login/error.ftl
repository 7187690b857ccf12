<#-- Keycloak's error page with DVC headings: a refused login and the sandbox test login's result are
     no technical errors (attribute dvcPage, set by de.dvc.iam.keycloak.identity.DvcPage).
     Every text is escaped as plain text, never passed as HTML (no kcSanitize + no_esc): messages carry values
     an agency IdP sent (the sandbox result, Keycloak's own broker errors), and kcSanitize keeps <a href> and <img src>. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if (dvcPage!"") == "sandbox">
            ${msg("dvcSandboxSucceededTitle")}
        <#elseif dvcInvitationRefused??>
            ${msg("dvcInvitationRefusedTitle")}
        <#elseif (dvcPage!"") == "refused">
            ${msg("dvcRefusedTitle")}
        <#else>
            ${msg("errorTitle")}
        </#if>
    <#elseif section = "form">
        <div id="kc-error-message">
            <p class="instruction">${message.summary}</p>
            <#if traceId??>
                <p class="instruction" id="traceId">${msg("traceIdSupportMessage", traceId)}</p>
            </#if>
            <#if !skipLink?? && client?? && client.baseUrl?has_content>
                <p><a id="backToApplication" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
