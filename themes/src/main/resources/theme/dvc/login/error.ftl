<#-- Keycloak's error page with DVC headings: a refused login and the sandbox test login's result are
     no technical errors (attribute dvcPage, set by de.dvc.iam.keycloak.identity.DvcPage). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if (dvcPage!"") == "sandbox">
            ${msg("dvcSandboxSucceededTitle")}
        <#elseif (dvcPage!"") == "refused">
            ${msg("dvcRefusedTitle")}
        <#else>
            ${kcSanitize(msg("errorTitle"))?no_esc}
        </#if>
    <#elseif section = "form">
        <div id="kc-error-message">
            <p class="instruction">${kcSanitize(message.summary)?no_esc}</p>
            <#if traceId??>
                <p class="instruction" id="traceId">${msg("traceIdSupportMessage", traceId)}</p>
            </#if>
            <#if !skipLink?? && client?? && client.baseUrl?has_content>
                <p><a id="backToApplication" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
