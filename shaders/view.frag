#version 330 core
// The photo rectangle: before left of the wipe, after right of it, and the divider.
// With u_overlay set, an overlay texture (a label) blended by its alpha instead.
uniform sampler2D u_before;
uniform sampler2D u_after;
uniform float u_wipe_x;     // window pixels from the left; the divider's centre
uniform int u_overlay;
uniform int u_loupe;        // a circle of u_before with a rim
uniform vec4 u_divider;     // colour of the divider line
in vec2 v_uv;
out vec4 colour;

void main() {
    if (u_overlay != 0) {
        colour = texture(u_before, v_uv);
        return;
    }
    if (u_loupe != 0) {
        float r = length(v_uv - vec2(0.5)) * 2.0;
        if (r > 1.0) discard;
        colour = r > 0.97 ? u_divider : texture(u_before, v_uv);
        return;
    }
    float x = gl_FragCoord.x;
    colour = x < u_wipe_x ? texture(u_before, v_uv) : texture(u_after, v_uv);
    if (abs(x - u_wipe_x) < 1.0) colour = u_divider;
}
